package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Jazzer fuzz target for {@link SequenceErrorCodec#decode}, set up like {@link FrameDecoderFuzzTest}: in a
 * normal {@code mvn test} it replays the saved corpus in {@code
 * src/test/resources/org/spacemoe/shared/frame/SequenceErrorDecoderFuzzTestInputs/decodeAnyBytes/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes.
 *
 * <p>Input: byte 0 is a control byte, the rest is the sequence error. When bit 0 of the control byte is set,
 * the trailing CRC32C is recomputed before decoding, so the fuzzer reaches the UTF-8 checks behind the CRC.
 *
 * <p>Oracle: {@code decode} throws nothing but {@link FrameDecodeException} (with a reason, a one-line
 * message); an error it accepts re-encodes to the same bytes (strict UTF-8 has one encoding per string).
 */
class SequenceErrorDecoderFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void decodeAnyBytes(byte[] input) {
    if (input.length == 0) {
      return;
    }
    byte[] bytes = Arrays.copyOfRange(input, 1, input.length);
    if ((input[0] & 1) != 0 && bytes.length >= 4) {
      FrameBytes.fixCrc(bytes);
    }
    SequenceError decoded;
    try {
      decoded = SequenceErrorCodec.decode(bytes);
    } catch (FrameDecodeException e) {
      assertNotNull(e.reason(), "every refusal has a reason");
      assertTrue(e.getMessage().indexOf('\n') < 0, () -> "one-line message: " + e.getMessage());
      return;
    }
    assertArrayEquals(bytes, SequenceErrorCodec.encode(decoded), "re-encodes to the same bytes");
    assertTrue(decoded.describe().indexOf('\n') < 0, "describe is one line");
  }
}
