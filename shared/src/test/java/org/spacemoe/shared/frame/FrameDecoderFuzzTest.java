package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Jazzer fuzz target for the frame decoder. In a normal {@code mvn test} it replays the saved corpus in
 * {@code src/test/resources/org/spacemoe/shared/frame/FrameDecoderFuzzTestInputs/decodeAnyBytes/} (regression
 * mode); with {@code JAZZER_FUZZ=1} it fuzzes (see docs/activation-frame.md, "Fuzzing").
 *
 * <p>Input: byte 0 is a control byte, the rest is the frame. When bit 0 of the control byte is set, the trailing
 * CRC32C is recomputed before decoding, so the fuzzer reaches the checks behind the CRC (scales, non-finite
 * values) instead of stopping at {@code BAD_CRC}.
 *
 * <p>Oracle: {@code decode} throws nothing but {@link FrameDecodeException} (with a reason, a one-line message);
 * a frame it accepts re-encodes, and for the exact codecs (FP32, FP16, I32) re-encodes to the same bytes.
 */
class FrameDecoderFuzzTest {
  /** Small limits keep every accepted tensor small, so the fuzzer spends its time on the checks. */
  private static final ActivationFrameCodec CODEC = new ActivationFrameCodec(new FrameLimits(64, 4096, 1 << 20));

  @FuzzTest(maxDuration = "20s")
  void decodeAnyBytes(byte[] input) {
    if (input.length == 0) {
      return;
    }
    byte[] frame = Arrays.copyOfRange(input, 1, input.length);
    if ((input[0] & 1) != 0 && frame.length >= FrameLayout.CRC_BYTES) {
      FrameBytes.fixCrc(frame);
    }
    ActivationFrame decoded;
    try {
      decoded = CODEC.decode(frame);
    } catch (FrameDecodeException e) {
      assertNotNull(e.reason(), "every refusal has a reason");
      assertTrue(e.getMessage().indexOf('\n') < 0, () -> "one-line message: " + e.getMessage());
      return;
    }
    byte[] again;
    try {
      again = CODEC.encode(decoded);
    } catch (IllegalArgumentException e) {
      // the one decodable frame the encoder refuses: an INT8 row with the code -128 (accepted, never written) at a
      // scale above Int8Quantizer.MAX_SCALE * 127 / 128, whose largest value is beyond what INT8 can quantise
      assertEquals(TensorCodec.INT8, decoded.codec(), e::getMessage);
      assertTrue(e.getMessage().contains("is too large to quantise"), e::getMessage);
      return;
    }
    if (decoded.codec() == TensorCodec.INT8) {
      ActivationFrame twice = CODEC.decode(again);
      assertEquals(decoded.rows(), twice.rows());
      assertEquals(decoded.cols(), twice.cols());
      assertEquals(decoded.planVersion(), twice.planVersion());
    } else {
      assertArrayEquals(frame, again, "an exact codec re-encodes a decoded frame to the same bytes");
    }
  }
}
