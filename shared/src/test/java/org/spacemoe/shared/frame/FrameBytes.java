package org.spacemoe.shared.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/** Test helpers: hex vectors, little-endian field edits and CRC repair on raw frame bytes. */
final class FrameBytes {
  private FrameBytes() {}

  /** Bytes from ints written as hex literals (0x00..0xFF), so vectors read like a hex dump. */
  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] > 0xFF) {
        throw new IllegalArgumentException("not a byte: " + values[i]);
      }
      out[i] = (byte) values[i];
    }
    return out;
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** CRC32C of {@code data} as 4 little-endian bytes. */
  static byte[] crc32cLe(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue())
        .array();
  }

  /** {@code prefix} followed by its CRC32C: a complete frame from header and payload. */
  static byte[] withCrc(byte[] prefix) {
    return concat(prefix, crc32cLe(prefix));
  }

  static ByteBuffer le(byte[] frame) {
    return ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Rewrites the trailing CRC so that only the deliberate corruption is wrong. */
  static byte[] fixCrc(byte[] frame) {
    CRC32C crc = new CRC32C();
    crc.update(frame, 0, frame.length - 4);
    le(frame).putInt(frame.length - 4, (int) crc.getValue());
    return frame;
  }

  static byte[] put8(byte[] frame, int at, int value) {
    frame[at] = (byte) value;
    return fixCrc(frame);
  }

  static byte[] put16(byte[] frame, int at, int value) {
    le(frame).putShort(at, (short) value);
    return fixCrc(frame);
  }

  static byte[] put32(byte[] frame, int at, long value) {
    le(frame).putInt(at, (int) value);
    return fixCrc(frame);
  }

  static byte[] put64(byte[] frame, int at, long value) {
    le(frame).putLong(at, value);
    return fixCrc(frame);
  }

  static String hex(byte[] data) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < data.length; i++) {
      s.append(i == 0 ? "" : " ").append(String.format("%02X", data[i]));
    }
    return s.toString();
  }
}
