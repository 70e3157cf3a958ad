package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The saved seeds of {@link FrameDecoderFuzzTest} say what they claim: each named seed (control byte + frame,
 * CRC repaired when bit 0 of the control byte is set) decodes, or is refused with the reason its name gives, so
 * the regression corpus really reaches every check the issue names (codec field, scale, payload size).
 */
class FrameFuzzCorpusTest {
  private static final String DIR = "FrameDecoderFuzzTestInputs/decodeAnyBytes/";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "token-valid, OK",
      "fp32-hidden-valid, OK",
      "fp16-request-valid, OK",
      "int8-response-valid, OK",
      "int8-scale-nan, BAD_SCALE",
      "int8-scale-inf, BAD_SCALE",
      "int8-scale-negative, BAD_SCALE",
      "int8-zero-scale-nonzero-code, BAD_SCALE",
      "unknown-codec, UNKNOWN_CODEC",
      "payload-size-mismatch, PAYLOAD_SIZE_MISMATCH",
      "fp32-nan, NON_FINITE_VALUE",
      "fp16-inf, NON_FINITE_VALUE",
      "bad-crc, BAD_CRC",
      "truncated, TOO_SHORT",
      "shape-too-large, SHAPE_TOO_LARGE",
      "ack-valid, OK",
      "ack-nonzero-value, BAD_ACK",
      "ack-shape-1x2, BAD_ACK"})
  void seedDecodesAsNamed(String seed, String expected) throws IOException {
    byte[] input;
    try (InputStream in = getClass().getResourceAsStream(DIR + seed)) {
      input = in.readAllBytes();
    }
    byte[] frame = Arrays.copyOfRange(input, 1, input.length);
    if ((input[0] & 1) != 0) {
      FrameBytes.fixCrc(frame);
    }
    ActivationFrameCodec codec = new ActivationFrameCodec(new FrameLimits(64, 4096, 1 << 20));
    if (expected.equals("OK")) {
      codec.decode(frame);
    } else {
      FrameDecodeException e = assertThrows(FrameDecodeException.class, () -> codec.decode(frame));
      assertEquals(FrameError.valueOf(expected), e.reason(), e::getMessage);
    }
  }
}
