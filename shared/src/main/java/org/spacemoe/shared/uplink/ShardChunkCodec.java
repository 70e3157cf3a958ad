package org.spacemoe.shared.uplink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Binary codec of {@link ShardChunk}, format version {@value #VERSION}, little-endian like activation frames:
 *
 * <pre>
 * offset size field
 *      0    4 magic 'S' 'M' 'C' 'K' (53 4D 43 4B)
 *      4    1 format version, 1
 *      5    3 reserved, 0
 *      8    8 transfer id, u64 in [1, 2^63-1]
 *     16    2 shard index, u16
 *     18    2 reserved, 0
 *     20    4 chunk index, u32, below the chunk count
 *     24    4 chunk count, u32 in [1, 2^31-1]
 *     28    4 payload length N, u32 in [1, maxPayloadBytes]
 *     32    N payload
 *   32+N    4 CRC32C (Castagnoli) over bytes [0, 32+N)
 * </pre>
 *
 * A decoder never trusts a length field: N is checked against the limit and the total length before any
 * allocation, and the payload is copied only after the CRC matched. Errors: {@link ChunkDecodeException}
 * with a {@link ChunkError}, checked in the enum's order.
 */
public final class ShardChunkCodec {
  /** 'S' 'M' 'C' 'K' read as a little-endian u32. */
  public static final int MAGIC = 0x4B43_4D53;
  public static final int VERSION = 1;
  public static final int HEADER_BYTES = 32;
  public static final int CRC_BYTES = 4;
  public static final int MIN_BYTES = HEADER_BYTES + CRC_BYTES;

  static final int VERSION_OFFSET = 4;
  static final int TRANSFER_OFFSET = 8;
  static final int SHARD_OFFSET = 16;
  static final int CHUNK_INDEX_OFFSET = 20;
  static final int CHUNK_COUNT_OFFSET = 24;
  static final int LENGTH_OFFSET = 28;

  private ShardChunkCodec() {}

  /** Encoded size of a chunk with {@code payloadBytes} bytes. */
  public static int encodedSize(int payloadBytes) {
    return HEADER_BYTES + payloadBytes + CRC_BYTES;
  }

  public static byte[] encode(ShardChunk c) {
    int n = c.payload().length;
    byte[] out = new byte[encodedSize(n)];
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, MAGIC);
    b.put(VERSION_OFFSET, (byte) VERSION);
    b.putLong(TRANSFER_OFFSET, c.transferId());
    b.putShort(SHARD_OFFSET, (short) c.shardIndex());
    b.putInt(CHUNK_INDEX_OFFSET, c.chunkIndex());
    b.putInt(CHUNK_COUNT_OFFSET, c.chunkCount());
    b.putInt(LENGTH_OFFSET, n);
    System.arraycopy(c.payload(), 0, out, HEADER_BYTES, n);
    CRC32C crc = new CRC32C();
    crc.update(out, 0, HEADER_BYTES + n);
    b.putInt(HEADER_BYTES + n, (int) crc.getValue());
    return out;
  }

  /** Decodes with the default payload limit {@link ShardChunk#MAX_CHUNK_BYTES}. */
  public static ShardChunk decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length, ShardChunk.MAX_CHUNK_BYTES);
  }

  /**
   * Decodes {@code length} bytes at {@code offset}.
   *
   * @param maxPayloadBytes larger payloads are refused, in [1, {@link ShardChunk#MAX_CHUNK_BYTES}]
   * @throws ChunkDecodeException for any invalid input, and nothing else for any bytes
   */
  public static ShardChunk decode(byte[] bytes, int offset, int length, int maxPayloadBytes) {
    if (maxPayloadBytes < 1 || maxPayloadBytes > ShardChunk.MAX_CHUNK_BYTES) {
      throw new IllegalArgumentException("maxPayloadBytes must be in [1, " + ShardChunk.MAX_CHUNK_BYTES + "]");
    }
    if (length < MIN_BYTES) {
      throw error(ChunkError.TOO_SHORT, "length", -1, length + " bytes; a chunk has at least " + MIN_BYTES);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != MAGIC) {
      throw error(ChunkError.BAD_MAGIC, "magic", 0, String.format("expected 53 4D 43 4B ('SMCK'), got %02X %02X"
          + " %02X %02X", b.get(0), b.get(1), b.get(2), b.get(3)));
    }
    int version = b.get(VERSION_OFFSET) & 0xFF;
    if (version != VERSION) {
      throw error(ChunkError.UNSUPPORTED_VERSION, "version", VERSION_OFFSET,
          "format version " + version + " is not supported; this decoder reads " + VERSION);
    }
    for (int at : new int[] {5, 6, 7, 18, 19}) {
      if (b.get(at) != 0) {
        throw error(ChunkError.BAD_FLAGS, "reserved", at, String.format("must be 0, got 0x%02X", b.get(at)));
      }
    }
    long transferId = b.getLong(TRANSFER_OFFSET);
    if (transferId <= 0) {
      throw error(ChunkError.BAD_TRANSFER_ID, "transferId", TRANSFER_OFFSET,
          Long.toUnsignedString(transferId) + " is not in [1, 2^63-1]");
    }
    long count = b.getInt(CHUNK_COUNT_OFFSET) & 0xFFFF_FFFFL;
    if (count == 0 || count > Integer.MAX_VALUE) {
      throw error(ChunkError.BAD_CHUNK_COUNT, "chunkCount", CHUNK_COUNT_OFFSET, count + " is not in [1, 2^31-1]");
    }
    long index = b.getInt(CHUNK_INDEX_OFFSET) & 0xFFFF_FFFFL;
    if (index >= count) {
      throw error(ChunkError.BAD_CHUNK_INDEX, "chunkIndex", CHUNK_INDEX_OFFSET,
          index + " is not below the chunk count " + count);
    }
    long n = b.getInt(LENGTH_OFFSET) & 0xFFFF_FFFFL;
    if (n == 0) {
      throw error(ChunkError.EMPTY_PAYLOAD, "payloadLength", LENGTH_OFFSET, "is 0; a chunk carries >= 1 byte");
    }
    if (n > maxPayloadBytes) {
      throw error(ChunkError.PAYLOAD_TOO_LARGE, "payloadLength", LENGTH_OFFSET,
          n + " bytes exceed the limit of " + maxPayloadBytes);
    }
    if (length != HEADER_BYTES + n + CRC_BYTES) {
      throw error(ChunkError.LENGTH_MISMATCH, "length", -1, length + " bytes, but a chunk with a " + n
          + "-byte payload is " + (HEADER_BYTES + n + CRC_BYTES) + " bytes ("
          + (length < HEADER_BYTES + n + CRC_BYTES ? "truncated" : "trailing bytes") + ")");
    }
    int end = HEADER_BYTES + (int) n;
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, end);
    int expected = (int) crc.getValue();
    int actual = b.getInt(end);
    if (actual != expected) {
      throw error(ChunkError.BAD_CRC, "crc32c", end,
          String.format("stored 0x%08X, computed 0x%08X over bytes [0, %d)", actual, expected, end));
    }
    byte[] payload = Arrays.copyOfRange(bytes, offset + HEADER_BYTES, offset + end);
    return new ShardChunk(transferId, b.getShort(SHARD_OFFSET) & 0xFFFF, (int) index, (int) count, payload);
  }

  /** True if {@code bytes} start with the chunk magic (how a command-topic message is told apart from JSON). */
  public static boolean hasMagic(byte[] bytes) {
    return bytes != null && bytes.length >= 4
        && ByteBuffer.wrap(bytes, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == MAGIC;
  }

  private static ChunkDecodeException error(ChunkError reason, String field, int at, String problem) {
    return new ChunkDecodeException(reason, field, at, problem);
  }
}
