package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spacemoe.shared.frame.FrameBytes.put16;
import static org.spacemoe.shared.frame.FrameBytes.put32;
import static org.spacemoe.shared.frame.FrameBytes.put64;
import static org.spacemoe.shared.frame.FrameBytes.put8;
import static org.spacemoe.shared.frame.FrameLayout.*;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One crafted corruption per row, asserted by reason. Unless the row is about the CRC, the CRC is
 * recomputed after the corruption, so the row tests exactly the rule it names.
 */
class FrameDecodeErrorsTest {
  private static final ActivationFrameCodec CODEC = new ActivationFrameCodec();

  /** HIDDEN FP32 2x3. */
  static byte[] fp32() {
    return CODEC.encode(ActivationFrame.hidden(9, 77, 5, 2, TensorCodec.FP32, 2, 3,
        new float[] {1, -2, 3.5f, 0, -0.25f, 1e-3f}));
  }

  /** EXPERT_RESPONSE FP16 2x3. */
  static byte[] fp16() {
    return CODEC.encode(ActivationFrame.expertResponse(9, 77, 5, 2, 6, TensorCodec.FP16, 2, 3,
        new float[] {1, -2, 3.5f, 0, -0.25f, 1e-3f}));
  }

  /** EXPERT_REQUEST INT8 2x3; row 1 is all zero (scale 0). */
  static byte[] int8() {
    return CODEC.encode(ActivationFrame.expertRequest(9, 77, 5, 2, 6, TensorCodec.INT8, 2, 3,
        new float[] {1, -2, 3.5f, 0, 0, 0}));
  }

  /** TOKEN 1x2. */
  static byte[] token() {
    return CODEC.encode(ActivationFrame.tokens(9, 77, 5, 0, 42, 7));
  }

  /** ACK 1x1. */
  static byte[] ack() {
    return CODEC.encode(ActivationFrame.ack(9, 77, 5, 2, 6));
  }

  static List<Supplier<byte[]>> samples() {
    return List.of(FrameDecodeErrorsTest::fp32, FrameDecodeErrorsTest::fp16,
        FrameDecodeErrorsTest::int8, FrameDecodeErrorsTest::token, FrameDecodeErrorsTest::ack);
  }

  /**
   * The reasons the activation frame decoder gives; the others belong to the codecs that share
   * {@link FrameError} ({@code SequenceStartCodecTest}, {@code SequenceErrorDecodeErrorsTest}).
   */
  static Set<FrameError> frameDecoderReasons() {
    return EnumSet.complementOf(EnumSet.of(FrameError.BAD_START, FrameError.UNKNOWN_REASON,
        FrameError.STRING_TOO_LONG, FrameError.INVALID_UTF8));
  }

  private static Arguments row(String name, FrameError reason, Supplier<byte[]> bytes) {
    return Arguments.of(name, reason, bytes);
  }

  static Stream<Arguments> corruptions() {
    int int8Codes = HEADER_BYTES + 2 * 4;
    return Stream.of(
        row("empty input", FrameError.TOO_SHORT, () -> new byte[0]),
        row("47 bytes", FrameError.TOO_SHORT, () -> Arrays.copyOf(fp32(), 47)),
        row("magic 'XMOE'", FrameError.BAD_MAGIC, () -> put8(fp32(), 0, 'X')),
        row("magic byte-swapped 'EOMS'", FrameError.BAD_MAGIC,
            () -> put32(fp32(), MAGIC_OFFSET, 0x534D4F45)),
        row("all-zero 48 bytes", FrameError.BAD_MAGIC, () -> new byte[48]),
        row("version 0", FrameError.UNSUPPORTED_VERSION, () -> put8(fp32(), VERSION_OFFSET, 0)),
        row("version 2", FrameError.UNSUPPORTED_VERSION, () -> put8(fp32(), VERSION_OFFSET, 2)),
        row("kind 0", FrameError.UNKNOWN_KIND, () -> put8(fp32(), KIND_OFFSET, 0)),
        row("kind 11", FrameError.UNKNOWN_KIND, () -> put8(fp32(), KIND_OFFSET, 11)),
        row("kind 0xFF", FrameError.UNKNOWN_KIND, () -> put8(fp32(), KIND_OFFSET, 0xFF)),
        row("codec 4", FrameError.UNKNOWN_CODEC, () -> put8(fp32(), CODEC_OFFSET, 4)),
        row("codec 0xFF", FrameError.UNKNOWN_CODEC, () -> put8(fp32(), CODEC_OFFSET, 0xFF)),
        row("flags 0x01", FrameError.BAD_FLAGS, () -> put8(fp32(), FLAGS_OFFSET, 0x01)),
        row("flags 0x80", FrameError.BAD_FLAGS, () -> put8(fp32(), FLAGS_OFFSET, 0x80)),
        // TOKEN 1x2 I32 and FP32 1x2 need the same 8 payload bytes: only the pairing is wrong.
        row("TOKEN with FP32", FrameError.CODEC_KIND_MISMATCH,
            () -> put8(token(), CODEC_OFFSET, TensorCodec.FP32.code())),
        row("TOKEN with INT8", FrameError.CODEC_KIND_MISMATCH,
            () -> put8(token(), CODEC_OFFSET, TensorCodec.INT8.code())),
        row("HIDDEN with I32", FrameError.CODEC_KIND_MISMATCH,
            () -> put8(fp32(), CODEC_OFFSET, TensorCodec.I32.code())),
        row("EXPERT_RESPONSE with I32", FrameError.CODEC_KIND_MISMATCH,
            () -> put8(fp16(), CODEC_OFFSET, TensorCodec.I32.code())),
        row("ACK with FP32", FrameError.CODEC_KIND_MISMATCH,
            () -> put8(ack(), CODEC_OFFSET, TensorCodec.FP32.code())),
        row("HIDDEN 2x3 FP32 relabelled ACK", FrameError.CODEC_KIND_MISMATCH,
            () -> put8(fp32(), KIND_OFFSET, FrameKind.ACK.code())),
        row("plan version 0", FrameError.BAD_PLAN_VERSION,
            () -> put64(fp32(), PLAN_VERSION_OFFSET, 0)),
        row("rows 0", FrameError.EMPTY_SHAPE, () -> put32(fp32(), ROWS_OFFSET, 0)),
        row("cols 0", FrameError.EMPTY_SHAPE, () -> put32(fp32(), COLS_OFFSET, 0)),
        row("rows 0xFFFFFFFF", FrameError.SHAPE_TOO_LARGE,
            () -> put32(fp32(), ROWS_OFFSET, 0xFFFF_FFFFL)),
        row("cols 0xFFFFFFFF", FrameError.SHAPE_TOO_LARGE,
            () -> put32(fp32(), COLS_OFFSET, 0xFFFF_FFFFL)),
        row("rows and cols 0xFFFFFFFF", FrameError.SHAPE_TOO_LARGE,
            () -> put32(put32(fp32(), ROWS_OFFSET, 0xFFFF_FFFFL), COLS_OFFSET, 0xFFFF_FFFFL)),
        row("rows maxRows + 1", FrameError.SHAPE_TOO_LARGE,
            () -> put32(fp32(), ROWS_OFFSET, FrameLimits.DEFAULTS.maxRows() + 1L)),
        row("cols maxCols + 1", FrameError.SHAPE_TOO_LARGE,
            () -> put32(fp32(), COLS_OFFSET, FrameLimits.DEFAULTS.maxCols() + 1L)),
        row("rows 0x80000000 (negative as int)", FrameError.SHAPE_TOO_LARGE,
            () -> put32(fp32(), ROWS_OFFSET, 0x8000_0000L)),
        row("17 x 1,000,000 FP32 needs 68 MB > 64 MiB", FrameError.SHAPE_TOO_LARGE,
            () -> put32(put32(fp32(), ROWS_OFFSET, 17), COLS_OFFSET, 1_000_000)),
        row("payload length 0xFFFFFFFF", FrameError.PAYLOAD_SIZE_MISMATCH,
            () -> put32(fp32(), PAYLOAD_LENGTH_OFFSET, 0xFFFF_FFFFL)),
        row("payload length 0", FrameError.PAYLOAD_SIZE_MISMATCH,
            () -> put32(fp32(), PAYLOAD_LENGTH_OFFSET, 0)),
        row("payload length + 1", FrameError.PAYLOAD_SIZE_MISMATCH,
            () -> put32(fp32(), PAYLOAD_LENGTH_OFFSET, 2 * 3 * 4 + 1)),
        row("INT8 payload length without the scales", FrameError.PAYLOAD_SIZE_MISMATCH,
            () -> put32(int8(), PAYLOAD_LENGTH_OFFSET, 2 * 3)),
        row("rows 1 but a 2-row payload", FrameError.PAYLOAD_SIZE_MISMATCH,
            () -> put32(fp32(), ROWS_OFFSET, 1)),
        row("rows 3 for a 2-row frame, payload length adjusted", FrameError.LENGTH_MISMATCH,
            () -> put32(put32(fp32(), ROWS_OFFSET, 3), PAYLOAD_LENGTH_OFFSET, 3 * 3 * 4)),
        row("one trailing byte", FrameError.LENGTH_MISMATCH,
            () -> Arrays.copyOf(fp32(), fp32().length + 1)),
        row("truncated by one byte", FrameError.LENGTH_MISMATCH,
            () -> Arrays.copyOf(fp32(), fp32().length - 1)),
        row("flipped CRC bit", FrameError.BAD_CRC, () -> flip(fp32(), fp32().length - 1, 0)),
        row("flipped payload bit", FrameError.BAD_CRC, () -> flip(fp32(), HEADER_BYTES, 3)),
        row("flipped sequence id bit", FrameError.BAD_CRC,
            () -> flip(fp32(), SEQUENCE_ID_OFFSET, 7)),
        row("kind HIDDEN -> EXPERT_REQUEST, old CRC", FrameError.BAD_CRC,
            () -> withoutCrcFix(fp32(), KIND_OFFSET, FrameKind.EXPERT_REQUEST.code())),
        row("CRC zeroed", FrameError.BAD_CRC, () -> zeroCrc(token())),
        row("INT8 scale NaN", FrameError.BAD_SCALE,
            () -> put32(int8(), HEADER_BYTES, Float.floatToRawIntBits(Float.NaN))),
        row("INT8 scale +Inf", FrameError.BAD_SCALE,
            () -> put32(int8(), HEADER_BYTES, Float.floatToRawIntBits(Float.POSITIVE_INFINITY))),
        row("INT8 scale -Inf", FrameError.BAD_SCALE,
            () -> put32(int8(), HEADER_BYTES, Float.floatToRawIntBits(Float.NEGATIVE_INFINITY))),
        row("INT8 scale -1", FrameError.BAD_SCALE,
            () -> put32(int8(), HEADER_BYTES, Float.floatToRawIntBits(-1f))),
        row("INT8 scale -0.0", FrameError.BAD_SCALE,
            () -> put32(int8(), HEADER_BYTES + 4, Float.floatToRawIntBits(-0f))),
        row("INT8 scale Float.MAX_VALUE (q * scale overflows)", FrameError.BAD_SCALE,
            () -> put32(int8(), HEADER_BYTES, Float.floatToRawIntBits(Float.MAX_VALUE))),
        row("INT8 scale 0 with a non-zero code", FrameError.BAD_SCALE,
            () -> put8(int8(), int8Codes + 3 + 1, 5)),
        row("FP32 NaN", FrameError.NON_FINITE_VALUE,
            () -> put32(fp32(), HEADER_BYTES + 4 * 4, Float.floatToRawIntBits(Float.NaN))),
        row("FP32 +Inf", FrameError.NON_FINITE_VALUE,
            () -> put32(fp32(), HEADER_BYTES, Float.floatToRawIntBits(Float.POSITIVE_INFINITY))),
        row("FP32 -Inf", FrameError.NON_FINITE_VALUE,
            () -> put32(fp32(), HEADER_BYTES + 20, Float.floatToRawIntBits(Float.NEGATIVE_INFINITY))),
        row("FP16 +Inf 0x7C00", FrameError.NON_FINITE_VALUE,
            () -> put16(fp16(), HEADER_BYTES + 2, 0x7C00)),
        row("FP16 -Inf 0xFC00", FrameError.NON_FINITE_VALUE,
            () -> put16(fp16(), HEADER_BYTES + 10, 0xFC00)),
        row("FP16 NaN 0x7E00", FrameError.NON_FINITE_VALUE,
            () -> put16(fp16(), HEADER_BYTES, 0x7E00)),
        // TOKEN 1x2 relabelled ACK: a valid I32 frame but not 1 x 1.
        row("ACK 1x2", FrameError.BAD_ACK, () -> put8(token(), KIND_OFFSET, FrameKind.ACK.code())),
        row("ACK 2x1", FrameError.BAD_ACK, () -> put32(put32(put8(token(), KIND_OFFSET,
            FrameKind.ACK.code()), ROWS_OFFSET, 2), COLS_OFFSET, 1)),
        row("ACK holding 1", FrameError.BAD_ACK, () -> put32(ack(), HEADER_BYTES, 1)),
        row("ACK holding -1", FrameError.BAD_ACK, () -> put32(ack(), HEADER_BYTES, 0xFFFF_FFFFL)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("corruptions")
  void corruptionIsRefusedWithItsReason(String name, FrameError reason, Supplier<byte[]> bytes) {
    byte[] frame = bytes.get();
    FrameDecodeException e = assertThrows(FrameDecodeException.class, () -> CODEC.decode(frame));
    assertEquals(reason, e.reason(), e.getMessage());
    assertOneLineNamingTheField(e);
  }

  @Test
  void everyReasonIsCoveredByTheTable() {
    Set<FrameError> covered = corruptions().map(a -> (FrameError) a.get()[1])
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(FrameError.class)));
    assertEquals(frameDecoderReasons(), covered);
  }

  @Test
  void theUncorruptedSamplesDecode() {
    for (Supplier<byte[]> sample : samples()) {
      byte[] frame = sample.get();
      assertEquals(frame.length, CODEC.encode(CODEC.decode(frame)).length);
    }
  }

  /** Every prefix of every sample is refused: TOO_SHORT below 48 bytes, LENGTH_MISMATCH above. */
  @Test
  void truncatedAtEveryLength() {
    for (Supplier<byte[]> sample : samples()) {
      byte[] frame = sample.get();
      for (int len = 0; len < frame.length; len++) {
        FrameError expected = len < MIN_FRAME_BYTES ? FrameError.TOO_SHORT
            : FrameError.LENGTH_MISMATCH;
        byte[] copy = Arrays.copyOf(frame, len);
        int n = len;
        assertEquals(expected, reason(() -> CODEC.decode(copy)), "copy of length " + len);
        assertEquals(expected, reason(() -> CODEC.decode(frame, 0, n)), "range of length " + len);
      }
    }
  }

  @Test
  void trailingBytesOfAnyCountAreRefused() {
    byte[] frame = fp16();
    for (int extra = 1; extra <= 16; extra++) {
      byte[] longer = Arrays.copyOf(frame, frame.length + extra);
      assertEquals(FrameError.LENGTH_MISMATCH, reason(() -> CODEC.decode(longer)));
    }
  }

  @Test
  void messagesNameFieldOffsetAndValues() {
    FrameDecodeException rows = assertThrows(FrameDecodeException.class,
        () -> CODEC.decode(put32(fp32(), ROWS_OFFSET, 0xFFFF_FFFFL)));
    assertEquals("rows", rows.field());
    assertEquals(ROWS_OFFSET, rows.offset());
    assertEquals("frame rows (offset 32): 4294967295 rows exceed the limit maxRows = 65536"
        + " [SHAPE_TOO_LARGE]", rows.getMessage());
    assertEquals("frame rows (offset 32)", rows.input());

    FrameDecodeException crc = assertThrows(FrameDecodeException.class,
        () -> CODEC.decode(zeroCrc(token())));
    assertTrue(crc.getMessage().startsWith("frame crc32c (offset 52): stored 0x00000000, computed 0x"),
        crc.getMessage());

    FrameDecodeException shortFrame = assertThrows(FrameDecodeException.class,
        () -> CODEC.decode(new byte[3]));
    assertEquals(-1, shortFrame.offset());
    assertEquals("frame length: 3 bytes; a frame has at least 48 (header and CRC) [TOO_SHORT]",
        shortFrame.getMessage());

    FrameDecodeException value = assertThrows(FrameDecodeException.class, () -> CODEC.decode(
        put32(fp32(), HEADER_BYTES + 4 * 4, Float.floatToRawIntBits(Float.NaN))));
    assertEquals("values[1][1]", value.field());
    assertEquals(HEADER_BYTES + 16, value.offset());
  }

  @Test
  void smallerLimitsAreEnforced() {
    byte[] frame = fp32(); // 2 x 3 FP32, 24 payload bytes
    assertEquals(FrameError.SHAPE_TOO_LARGE,
        reason(() -> new ActivationFrameCodec(new FrameLimits(1, 3, 1000)).decode(frame)));
    assertEquals(FrameError.SHAPE_TOO_LARGE,
        reason(() -> new ActivationFrameCodec(new FrameLimits(2, 2, 1000)).decode(frame)));
    assertEquals(FrameError.SHAPE_TOO_LARGE,
        reason(() -> new ActivationFrameCodec(new FrameLimits(2, 3, 23)).decode(frame)));
    new ActivationFrameCodec(new FrameLimits(2, 3, 24)).decode(frame);
  }

  @Test
  void decodesAFrameInsideALargerBuffer() {
    byte[] frame = int8();
    byte[] buffer = new byte[frame.length + 20];
    Arrays.fill(buffer, (byte) 0x5A);
    System.arraycopy(frame, 0, buffer, 7, frame.length);
    assertEquals(CODEC.decode(frame), CODEC.decode(buffer, 7, frame.length));
    assertEquals(FrameError.LENGTH_MISMATCH,
        reason(() -> CODEC.decode(buffer, 7, frame.length + 1)));
    assertEquals(FrameError.BAD_MAGIC, reason(() -> CODEC.decode(buffer, 6, frame.length)));
  }

  @Test
  void aRangeOutsideTheArrayIsACallerBug() {
    byte[] frame = fp32();
    assertThrows(IndexOutOfBoundsException.class, () -> CODEC.decode(frame, -1, 10));
    assertThrows(IndexOutOfBoundsException.class, () -> CODEC.decode(frame, 0, frame.length + 1));
    assertThrows(IndexOutOfBoundsException.class, () -> CODEC.decode(frame, 10, -1));
  }

  private static void assertOneLineNamingTheField(FrameDecodeException e) {
    String m = e.getMessage();
    assertFalse(m.contains("\n"), m);
    assertTrue(m.startsWith("frame " + e.field()), m);
    assertTrue(m.endsWith("[" + e.reason() + "]"), m);
  }

  static FrameError reason(Runnable decode) {
    try {
      decode.run();
    } catch (FrameDecodeException e) {
      return e.reason();
    }
    throw new AssertionError("decoded without error");
  }

  private static byte[] flip(byte[] frame, int at, int bit) {
    frame[at] ^= (byte) (1 << bit);
    return frame;
  }

  private static byte[] withoutCrcFix(byte[] frame, int at, int value) {
    frame[at] = (byte) value;
    return frame;
  }

  private static byte[] zeroCrc(byte[] frame) {
    Arrays.fill(frame, frame.length - 4, frame.length, (byte) 0);
    return frame;
  }
}
