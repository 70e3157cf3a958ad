package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spacemoe.shared.frame.FrameBytes.concat;
import static org.spacemoe.shared.frame.FrameBytes.fixCrc;
import static org.spacemoe.shared.frame.FrameBytes.put16;
import static org.spacemoe.shared.frame.FrameBytes.put8;
import static org.spacemoe.shared.frame.SequenceErrorCodec.*;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One crafted corruption per row, asserted by reason and field. Unless the row is about the CRC,
 * the CRC is recomputed after the corruption, so the row tests exactly the rule it names.
 */
class SequenceErrorDecodeErrorsTest {
  /** The golden error: satellite "p03s07" (6 bytes at 30), detail of 20 bytes (length at 36). */
  static byte[] sample() {
    return SequenceErrorCodec.encode(SequenceErrorCodecTest.sample());
  }

  private static final int DETAIL_LENGTH_OFFSET = SATELLITE_LENGTH_OFFSET + 2 + 6;

  private static Arguments row(String name, FrameError reason, String field,
      Supplier<byte[]> bytes) {
    return Arguments.of(name, reason, field, bytes);
  }

  /** {@code bytes} with {@code extra} bytes inserted before the CRC, CRC recomputed. */
  private static byte[] insertBeforeCrc(byte[] bytes, byte... extra) {
    byte[] body = Arrays.copyOf(bytes, bytes.length - 4);
    return fixCrc(concat(body, extra, new byte[4]));
  }

  static Stream<Arguments> corruptions() {
    return Stream.of(
        row("empty", FrameError.TOO_SHORT, "length", () -> new byte[0]),
        row("35 bytes", FrameError.TOO_SHORT, "length", () -> Arrays.copyOf(sample(), 35)),
        row("magic 'SMOE' (an activation frame)", FrameError.BAD_MAGIC, "magic",
            () -> put8(put8(sample(), 2, 'O'), 3, 'E')),
        row("all-zero 36 bytes", FrameError.BAD_MAGIC, "magic", () -> new byte[36]),
        row("version 0", FrameError.UNSUPPORTED_VERSION, "version",
            () -> put8(sample(), VERSION_OFFSET, 0)),
        row("version 2", FrameError.UNSUPPORTED_VERSION, "version",
            () -> put8(sample(), VERSION_OFFSET, 2)),
        row("reason 0", FrameError.UNKNOWN_REASON, "reason", () -> put8(sample(), REASON_OFFSET, 0)),
        row("reason 11", FrameError.UNKNOWN_REASON, "reason", () -> put8(sample(), REASON_OFFSET, 11)),
        row("reason 0xFF", FrameError.UNKNOWN_REASON, "reason",
            () -> put8(sample(), REASON_OFFSET, 0xFF)),
        row("satellite length 65", FrameError.STRING_TOO_LONG, "satelliteLength",
            () -> put16(sample(), SATELLITE_LENGTH_OFFSET, 65)),
        row("satellite length 0xFFFF", FrameError.STRING_TOO_LONG, "satelliteLength",
            () -> put16(sample(), SATELLITE_LENGTH_OFFSET, 0xFFFF)),
        row("detail length 1025", FrameError.STRING_TOO_LONG, "detailLength",
            () -> put16(sample(), DETAIL_LENGTH_OFFSET, 1025)),
        row("detail length 0xFFFF", FrameError.STRING_TOO_LONG, "detailLength",
            () -> put16(sample(), DETAIL_LENGTH_OFFSET, 0xFFFF)),
        row("satellite length 64 beyond the bytes", FrameError.LENGTH_MISMATCH, "satelliteLength",
            () -> put16(sample(), SATELLITE_LENGTH_OFFSET, 64)),
        row("detail length 1024 beyond the bytes", FrameError.LENGTH_MISMATCH, "detailLength",
            () -> put16(sample(), DETAIL_LENGTH_OFFSET, 1024)),
        row("detail length + 1", FrameError.LENGTH_MISMATCH, "detailLength",
            () -> put16(sample(), DETAIL_LENGTH_OFFSET, 21)),
        row("detail length - 1 (one trailing byte)", FrameError.LENGTH_MISMATCH, "length",
            () -> put16(sample(), DETAIL_LENGTH_OFFSET, 19)),
        row("one trailing byte", FrameError.LENGTH_MISMATCH, "length",
            () -> Arrays.copyOf(sample(), sample().length + 1)),
        row("truncated by one byte", FrameError.LENGTH_MISMATCH, "detailLength",
            () -> Arrays.copyOf(sample(), sample().length - 1)),
        row("flipped CRC bit", FrameError.BAD_CRC, "crc32c", () -> flip(sample(), 58, 0)),
        row("flipped detail bit", FrameError.BAD_CRC, "crc32c", () -> flip(sample(), 40, 2)),
        row("flipped sequence id bit", FrameError.BAD_CRC, "crc32c",
            () -> flip(sample(), SEQUENCE_ID_OFFSET, 7)),
        row("satellite byte 0xFF", FrameError.INVALID_UTF8, "satellite",
            () -> put8(sample(), 30, 0xFF)),
        row("satellite lone continuation byte 0x80", FrameError.INVALID_UTF8, "satellite",
            () -> put8(sample(), 33, 0x80)),
        row("detail overlong '/' C0 AF", FrameError.INVALID_UTF8, "detail",
            () -> put8(put8(sample(), 38, 0xC0), 39, 0xAF)),
        row("detail encoded surrogate ED A0 80", FrameError.INVALID_UTF8, "detail",
            () -> put8(put8(put8(sample(), 38, 0xED), 39, 0xA0), 40, 0x80)),
        row("detail cut inside a 2-byte sequence", FrameError.INVALID_UTF8, "detail",
            () -> put8(sample(), 57, 0xC3)),
        row("detail length 0 and 20 trailing bytes", FrameError.LENGTH_MISMATCH, "length",
            () -> put16(sample(), DETAIL_LENGTH_OFFSET, 0)),
        row("an extra byte inside the detail, lengths unchanged", FrameError.LENGTH_MISMATCH,
            "length", () -> insertBeforeCrc(sample(), (byte) 'x')));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("corruptions")
  void corruptionIsRefusedWithItsReason(String name, FrameError reason, String field,
      Supplier<byte[]> bytes) {
    byte[] b = bytes.get();
    FrameDecodeException e = assertThrows(FrameDecodeException.class,
        () -> SequenceErrorCodec.decode(b));
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(field, e.field(), e.getMessage());
    String m = e.getMessage();
    assertFalse(m.contains("\n"), m);
    assertTrue(m.startsWith("sequence error " + field), m);
    assertTrue(m.endsWith("[" + reason + "]"), m);
  }

  /** The reasons the sequence error decoder gives. */
  static Set<FrameError> sequenceErrorReasons() {
    return EnumSet.of(FrameError.TOO_SHORT, FrameError.BAD_MAGIC, FrameError.UNSUPPORTED_VERSION,
        FrameError.UNKNOWN_REASON, FrameError.STRING_TOO_LONG, FrameError.LENGTH_MISMATCH,
        FrameError.BAD_CRC, FrameError.INVALID_UTF8);
  }

  @Test
  void everyReasonIsCoveredByTheTable() {
    Set<FrameError> covered = corruptions().map(a -> (FrameError) a.get()[1])
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(FrameError.class)));
    assertEquals(sequenceErrorReasons(), covered);
  }

  /** Every prefix is refused: TOO_SHORT below 36 bytes, LENGTH_MISMATCH from 36 on. */
  @Test
  void truncatedAtEveryLength() {
    byte[] b = sample();
    for (int len = 0; len < b.length; len++) {
      byte[] copy = Arrays.copyOf(b, len);
      FrameError expected = len < MIN_BYTES ? FrameError.TOO_SHORT : FrameError.LENGTH_MISMATCH;
      assertEquals(expected, FrameDecodeErrorsTest.reason(() -> SequenceErrorCodec.decode(copy)),
          "length " + len);
    }
  }

  @Test
  void trailingBytesOfAnyCountAreRefused() {
    byte[] b = sample();
    for (int extra = 1; extra <= 16; extra++) {
      byte[] longer = Arrays.copyOf(b, b.length + extra);
      assertEquals(FrameError.LENGTH_MISMATCH,
          FrameDecodeErrorsTest.reason(() -> SequenceErrorCodec.decode(longer)));
    }
  }

  /** A single flipped bit anywhere is refused (CRC-32C catches every single-bit error). */
  @Test
  void everySingleBitFlipIsRefused() {
    int n = sample().length;
    for (int bit = 0; bit < 8 * n; bit++) {
      byte[] b = flip(sample(), bit / 8, bit % 8);
      assertThrows(FrameDecodeException.class, () -> SequenceErrorCodec.decode(b), "bit " + bit);
    }
  }

  @Test
  void messagesNameFieldOffsetAndValues() {
    FrameDecodeException e = assertThrows(FrameDecodeException.class,
        () -> SequenceErrorCodec.decode(put16(sample(), SATELLITE_LENGTH_OFFSET, 65)));
    assertEquals("sequence error satelliteLength (offset 28): 65 bytes exceed the maximum 64"
        + " [STRING_TOO_LONG]", e.getMessage());
    assertEquals(SATELLITE_LENGTH_OFFSET, e.offset());
    FrameDecodeException reason = assertThrows(FrameDecodeException.class,
        () -> SequenceErrorCodec.decode(put8(sample(), REASON_OFFSET, 11)));
    assertEquals("sequence error reason (offset 5): unknown reason code 11; known codes are 1..10"
        + " [UNKNOWN_REASON]", reason.getMessage());
    FrameDecodeException utf8 = assertThrows(FrameDecodeException.class,
        () -> SequenceErrorCodec.decode(put8(sample(), 30, 0xFF)));
    assertEquals(30, utf8.offset());
  }

  private static byte[] flip(byte[] b, int at, int bit) {
    b[at] ^= (byte) (1 << bit);
    return b;
  }
}
