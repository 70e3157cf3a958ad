package org.spacemoe.shared.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * {@link SequenceError}s as bytes, format version {@value #VERSION}, little-endian like activation
 * frames:
 *
 * <pre>
 * offset  size  field
 *  0      4     magic 'S' 'M' 'E' 'R'
 *  4      1     format version 1
 *  5      1     reason code ({@link SequenceErrorReason#code()})
 *  6      8     plan version (u64)
 * 14      8     sequence id (u64)
 * 22      4     token step (u32)
 * 26      2     layer (u16)
 * 28      2     satellite length S (u16, at most 64)
 * 30      S     satellite name, UTF-8
 * 30+S    2     detail length D (u16, at most 1024)
 * 32+S    D     detail, UTF-8
 * 32+S+D  4     CRC32C over [0, 32+S+D)
 * </pre>
 *
 * <p>Decoding never trusts a length field: each is checked against its maximum and against the
 * bytes that remain before it is used. Stateless and thread-safe.
 */
public final class SequenceErrorCodec {
  /** The bytes 'S' 'M' 'E' 'R' (0x53 0x4D 0x45 0x52) at offset 0, read as a little-endian u32. */
  public static final int MAGIC = 0x5245_4D53;
  /** The format version this code writes and reads. */
  public static final int VERSION = 1;

  public static final int MAGIC_OFFSET = 0;
  public static final int VERSION_OFFSET = 4;
  public static final int REASON_OFFSET = 5;
  /** u64. */
  public static final int PLAN_VERSION_OFFSET = 6;
  /** u64. */
  public static final int SEQUENCE_ID_OFFSET = 14;
  /** u32. */
  public static final int TOKEN_STEP_OFFSET = 22;
  /** u16. */
  public static final int LAYER_OFFSET = 26;
  /** u16, then the satellite name's UTF-8 bytes. */
  public static final int SATELLITE_LENGTH_OFFSET = 28;
  /** Largest satellite name, in UTF-8 bytes. */
  public static final int MAX_SATELLITE_BYTES = 64;
  /** Largest detail, in UTF-8 bytes. */
  public static final int MAX_DETAIL_BYTES = 1024;
  /** Smallest sequence error: both strings empty. */
  public static final int MIN_BYTES = 36;
  /** Largest sequence error: both strings at their maximum. */
  public static final int MAX_BYTES = MIN_BYTES + MAX_SATELLITE_BYTES + MAX_DETAIL_BYTES;

  private SequenceErrorCodec() {}

  /**
   * The error as bytes.
   *
   * @throws IllegalArgumentException naming the field if the satellite name is longer than {@value
   *     #MAX_SATELLITE_BYTES} UTF-8 bytes, the detail longer than {@value #MAX_DETAIL_BYTES}, or
   *     either is not valid Unicode (an unpaired surrogate)
   */
  public static byte[] encode(SequenceError e) {
    Objects.requireNonNull(e, "error");
    byte[] satellite = utf8("satellite", e.satellite(), MAX_SATELLITE_BYTES);
    byte[] detail = utf8("detail", e.detail(), MAX_DETAIL_BYTES);
    byte[] out = new byte[MIN_BYTES + satellite.length + detail.length];
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC);
    b.put((byte) VERSION);
    b.put((byte) e.reason().code());
    b.putLong(e.planVersion());
    b.putLong(e.sequenceId());
    b.putInt((int) e.tokenStep());
    b.putShort((short) e.layer());
    b.putShort((short) satellite.length);
    b.put(satellite);
    b.putShort((short) detail.length);
    b.put(detail);
    CRC32C crc = new CRC32C();
    crc.update(out, 0, b.position());
    b.putInt((int) crc.getValue());
    return out;
  }

  /**
   * The error in {@code bytes}, which must hold exactly one. Checks run in wire order: length,
   * magic, version, reason code, each string length (maximum, then the bytes remaining), total
   * length, CRC, then the UTF-8 of the strings.
   *
   * @throws FrameDecodeException if the bytes are not a valid sequence error; nothing else is thrown
   *     for any content of {@code bytes}
   */
  public static SequenceError decode(byte[] bytes) {
    int length = bytes.length;
    if (length < MIN_BYTES) {
      throw error(FrameError.TOO_SHORT, "length", -1, length
          + " bytes; a sequence error has at least " + MIN_BYTES + " (header, two lengths and CRC)");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int magic = b.getInt(MAGIC_OFFSET);
    if (magic != MAGIC) {
      throw error(FrameError.BAD_MAGIC, "magic", MAGIC_OFFSET, String.format(
          "expected 53 4D 45 52 ('SMER'), got %02X %02X %02X %02X",
          bytes[0], bytes[1], bytes[2], bytes[3]));
    }
    int version = bytes[VERSION_OFFSET] & 0xFF;
    if (version != VERSION) {
      throw error(FrameError.UNSUPPORTED_VERSION, "version", VERSION_OFFSET,
          "format version " + version + " is not supported; this decoder reads " + VERSION);
    }
    int reasonCode = bytes[REASON_OFFSET] & 0xFF;
    SequenceErrorReason reason = SequenceErrorReason.fromCode(reasonCode).orElseThrow(() -> error(
        FrameError.UNKNOWN_REASON, "reason", REASON_OFFSET, "unknown reason code " + reasonCode
            + "; known codes are 1.." + SequenceErrorReason.values().length));
    int satelliteLength = checkLength(b, "satelliteLength", SATELLITE_LENGTH_OFFSET,
        MAX_SATELLITE_BYTES, 2 + 4);
    int detailOffset = SATELLITE_LENGTH_OFFSET + 2 + satelliteLength;
    int detailLength = checkLength(b, "detailLength", detailOffset, MAX_DETAIL_BYTES, 4);
    int crcOffset = detailOffset + 2 + detailLength;
    if (length != crcOffset + 4) {
      throw error(FrameError.LENGTH_MISMATCH, "length", -1, length + " bytes, but a sequence error"
          + " with " + satelliteLength + " + " + detailLength + " string bytes is " + (crcOffset + 4)
          + " bytes (trailing bytes)");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, crcOffset);
    int expectedCrc = (int) crc.getValue();
    int actualCrc = b.getInt(crcOffset);
    if (actualCrc != expectedCrc) {
      throw error(FrameError.BAD_CRC, "crc32c", crcOffset, String.format(
          "stored 0x%08X, computed 0x%08X over bytes [0, %d)", actualCrc, expectedCrc, crcOffset));
    }
    String satellite = string(bytes, "satellite", SATELLITE_LENGTH_OFFSET + 2, satelliteLength);
    String detail = string(bytes, "detail", detailOffset + 2, detailLength);
    return new SequenceError(b.getLong(PLAN_VERSION_OFFSET), b.getLong(SEQUENCE_ID_OFFSET),
        b.getInt(TOKEN_STEP_OFFSET) & 0xFFFF_FFFFL, b.getShort(LAYER_OFFSET) & 0xFFFF, satellite,
        reason, detail);
  }

  /**
   * The u16 length at {@code at}, checked against {@code max}, then against the bytes remaining:
   * the string and the {@code after} bytes that must follow it (the detail length and the CRC after
   * the satellite name; the CRC after the detail) must fit.
   */
  private static int checkLength(ByteBuffer b, String field, int at, int max, int after) {
    int n = b.getShort(at) & 0xFFFF;
    if (n > max) {
      throw error(FrameError.STRING_TOO_LONG, field, at, n + " bytes exceed the maximum " + max);
    }
    int needed = at + 2 + n + after;
    if (needed > b.capacity()) {
      throw error(FrameError.LENGTH_MISMATCH, field, at, n + " string bytes need at least " + needed
          + " bytes in all, got " + b.capacity() + " (truncated)");
    }
    return n;
  }

  private static String string(byte[] bytes, String field, int at, int n) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, at, n)).toString();
    } catch (CharacterCodingException e) {
      throw error(FrameError.INVALID_UTF8, field, at, "the " + n + " bytes are not valid UTF-8");
    }
  }

  private static byte[] utf8(String field, String s, int max) {
    ByteBuffer encoded;
    try {
      encoded = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(s));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("sequence error " + field
          + ": not valid Unicode (an unpaired surrogate), cannot be written as UTF-8");
    }
    if (encoded.remaining() > max) {
      throw new IllegalArgumentException("sequence error " + field + ": " + encoded.remaining()
          + " UTF-8 bytes, at most " + max);
    }
    byte[] out = new byte[encoded.remaining()];
    encoded.get(out);
    return out;
  }

  private static FrameDecodeException error(FrameError reason, String field, int at,
      String problem) {
    return new FrameDecodeException("sequence error", reason, field, at, problem);
  }
}
