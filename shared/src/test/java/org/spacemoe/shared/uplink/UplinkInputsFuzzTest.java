package org.spacemoe.shared.uplink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.PlanRejectedException;
import org.spacemoe.shared.plan.envelope.PlanVerifier;
import org.spacemoe.shared.plan.envelope.SignedPlan;

/**
 * Jazzer fuzz targets for every input that reaches a satellite over the air on its command topic, and for the
 * status report the ground reads: the command envelope, the shard chunk, the transfer offer, the signed plan
 * envelope (parsed and verified) and the status report. (The activation frame has its own:
 * {@code FrameDecoderFuzzTest}.) In a normal {@code mvn test} each replays its saved corpus in
 * {@code src/test/resources/org/spacemoe/shared/uplink/UplinkInputsFuzzTestInputs/METHOD/}; with
 * {@code JAZZER_FUZZ=1} and {@code -Dtest=UplinkInputsFuzzTest#METHOD} it fuzzes (.ci/run does, 15 s each).
 *
 * <p>Oracle for each: the decoder throws nothing but {@link InvalidInputException} (a one-line message), and an
 * accepted input encodes back to what was decoded (to the same bytes for the binary codecs).
 */
class UplinkInputsFuzzTest {
  private static final KeyPair GROUND = PlanKeys.generate();
  private static final PlanVerifier VERIFIER = PlanVerifier.trusting(java.util.List.of(GROUND.getPublic()));

  private static void oneLine(InvalidInputException e) {
    assertNotNull(e.getMessage());
    assertFalse(e.getMessage().contains("\n"), () -> "one-line message: " + e.getMessage());
  }

  @FuzzTest(maxDuration = "10s")
  void commandEnvelope(byte[] input) {
    SignedCommand c;
    try {
      c = CommandEnvelopeCodec.decode(input);
    } catch (InvalidInputException e) {
      oneLine(e);
      return;
    }
    assertArrayEquals(input, c.toBytes(), "canonical: an accepted envelope re-encodes to the same bytes");
    c.verifiedBy(GROUND.getPublic()); // never throws, whatever the bytes
  }

  /** Byte 0 is a control byte: bit 0 re-seals the CRC32C so mutations reach the checks behind it. */
  @FuzzTest(maxDuration = "10s")
  void shardChunk(byte[] input) {
    if (input.length == 0) {
      return;
    }
    byte[] chunk = Arrays.copyOfRange(input, 1, input.length);
    if ((input[0] & 1) != 0 && chunk.length >= ShardChunkCodec.CRC_BYTES) {
      CRC32C crc = new CRC32C();
      crc.update(chunk, 0, chunk.length - ShardChunkCodec.CRC_BYTES);
      ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).putInt(chunk.length - ShardChunkCodec.CRC_BYTES,
          (int) crc.getValue());
    }
    ShardChunk c;
    try {
      c = ShardChunkCodec.decode(chunk);
    } catch (ChunkDecodeException e) {
      assertNotNull(e.reason());
      oneLine(e);
      return;
    }
    assertArrayEquals(chunk, ShardChunkCodec.encode(c));
  }

  @FuzzTest(maxDuration = "10s")
  void transferOffer(byte[] input) {
    TransferOffer o;
    try {
      o = TransferOffer.parse("offer", input);
    } catch (InvalidInputException e) {
      oneLine(e);
      return;
    }
    assertEquals(o, TransferOffer.parse("again", o.toBytes()));
    try {
      o.checkAgainst(VERIFIER.verify(o.plan()));
    } catch (PlanRejectedException e) {
      oneLine(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void signedPlan(byte[] input) {
    SignedPlan p;
    try {
      p = SignedPlan.parse("signed plan", input);
      VERIFIER.verify(p);
    } catch (InvalidInputException e) {
      oneLine(e);
      return;
    }
    assertEquals(p, SignedPlan.parse("again", p.toJson()));
  }

  @FuzzTest(maxDuration = "10s")
  void statusReport(byte[] input) {
    StatusReport r;
    try {
      r = StatusReport.parse("status", input);
    } catch (InvalidInputException e) {
      oneLine(e);
      return;
    }
    assertEquals(r, StatusReport.parse("again", r.toJson()));
  }

  /** Anything on a command topic: dispatch by magic or JSON format, then the message's own decoder. */
  @FuzzTest(maxDuration = "10s")
  void commandTopic(byte[] input) {
    try {
      UplinkMessage m = UplinkMessage.decode(input);
      assertNotNull(m);
    } catch (InvalidInputException e) {
      oneLine(e);
    }
  }
}
