package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The saved seeds of {@link SequenceErrorDecoderFuzzTest} say what they claim: each named seed (control byte +
 * sequence error, CRC repaired when bit 0 of the control byte is set) decodes, or is refused with the reason its
 * name gives.
 */
class SequenceErrorFuzzCorpusTest {
  private static final String DIR = "SequenceErrorDecoderFuzzTestInputs/decodeAnyBytes/";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "valid, OK",
      "valid-empty-strings, OK",
      "valid-utf8-detail, OK",
      "unknown-reason, UNKNOWN_REASON",
      "bad-version, UNSUPPORTED_VERSION",
      "bad-magic, BAD_MAGIC",
      "satellite-too-long, STRING_TOO_LONG",
      "detail-too-long, STRING_TOO_LONG",
      "detail-length-beyond-bytes, LENGTH_MISMATCH",
      "trailing-byte, LENGTH_MISMATCH",
      "truncated, TOO_SHORT",
      "invalid-utf8, INVALID_UTF8",
      "bad-crc, BAD_CRC"})
  void seedDecodesAsNamed(String seed, String expected) throws IOException {
    byte[] input;
    try (InputStream in = getClass().getResourceAsStream(DIR + seed)) {
      input = in.readAllBytes();
    }
    byte[] bytes = Arrays.copyOfRange(input, 1, input.length);
    if ((input[0] & 1) != 0) {
      FrameBytes.fixCrc(bytes);
    }
    if (expected.equals("OK")) {
      SequenceErrorCodec.decode(bytes);
    } else {
      FrameDecodeException e = assertThrows(FrameDecodeException.class,
          () -> SequenceErrorCodec.decode(bytes));
      assertEquals(FrameError.valueOf(expected), e.reason(), e::getMessage);
    }
  }
}
