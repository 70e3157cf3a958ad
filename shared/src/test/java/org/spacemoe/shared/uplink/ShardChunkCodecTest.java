package org.spacemoe.shared.uplink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden bytes and one corruption per decode error. */
class ShardChunkCodecTest {
  static byte[] bytes(int... v) {
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) v[i];
    }
    return out;
  }

  /**
   * Chunk 2 of 5 of shard 3, transfer 0x0102030405060708, payload "abc". The CRC was computed outside Java
   * (bitwise CRC-32C, reflected polynomial 0x82F63B78, in Python).
   */
  static final byte[] GOLDEN = bytes(
      0x53, 0x4D, 0x43, 0x4B,                         // 0  magic 'S' 'M' 'C' 'K'
      0x01,                                           // 4  format version 1
      0x00, 0x00, 0x00,                               // 5  reserved
      0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, // 8  transfer id 0x0102030405060708 (u64 LE)
      0x03, 0x00,                                     // 16 shard index 3 (u16)
      0x00, 0x00,                                     // 18 reserved
      0x02, 0x00, 0x00, 0x00,                         // 20 chunk index 2 (u32)
      0x05, 0x00, 0x00, 0x00,                         // 24 chunk count 5 (u32)
      0x03, 0x00, 0x00, 0x00,                         // 28 payload length 3
      0x61, 0x62, 0x63,                               // 32 payload "abc"
      0xB3, 0x41, 0x30, 0xAB);                        // 35 CRC32C 0xAB3041B3 over [0, 35)

  static final ShardChunk GOLDEN_CHUNK = new ShardChunk(0x0102030405060708L, 3, 2, 5, new byte[] {'a', 'b', 'c'});

  @Test
  void golden() {
    assertEquals(HexFormat.of().formatHex(GOLDEN), HexFormat.of().formatHex(ShardChunkCodec.encode(GOLDEN_CHUNK)));
    assertEquals(GOLDEN_CHUNK, ShardChunkCodec.decode(GOLDEN));
    assertEquals(GOLDEN.length, ShardChunkCodec.encodedSize(3));
    assertTrue(ShardChunkCodec.hasMagic(GOLDEN));
    assertFalse(ShardChunkCodec.hasMagic("{\"format\"".getBytes()));
    assertEquals(GOLDEN_CHUNK, UplinkMessage.decode(GOLDEN));
    assertArrayEquals(GOLDEN, GOLDEN_CHUNK.toBytes());
  }

  @Test
  void decodesAtAnOffsetWithoutReadingOutside() {
    byte[] padded = new byte[GOLDEN.length + 10];
    Arrays.fill(padded, (byte) 0x5A);
    System.arraycopy(GOLDEN, 0, padded, 7, GOLDEN.length);
    assertEquals(GOLDEN_CHUNK, ShardChunkCodec.decode(padded, 7, GOLDEN.length, 16));
  }

  private static byte[] edit(Consumer<ByteBuffer> e, boolean fixCrc) {
    byte[] b = GOLDEN.clone();
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    e.accept(bb);
    if (fixCrc) {
      CRC32C crc = new CRC32C();
      crc.update(b, 0, b.length - 4);
      bb.putInt(b.length - 4, (int) crc.getValue());
    }
    return b;
  }

  static Stream<Arguments> corruptions() {
    return Stream.of(
        Arguments.of("too short", Arrays.copyOf(GOLDEN, 35), ChunkError.TOO_SHORT),
        Arguments.of("empty", new byte[0], ChunkError.TOO_SHORT),
        Arguments.of("magic", edit(b -> b.put(3, (byte) 'E'), true), ChunkError.BAD_MAGIC),
        Arguments.of("frame magic", edit(b -> b.putInt(0, 0x454F_4D53), true), ChunkError.BAD_MAGIC),
        Arguments.of("version", edit(b -> b.put(4, (byte) 2), true), ChunkError.UNSUPPORTED_VERSION),
        Arguments.of("reserved 5", edit(b -> b.put(5, (byte) 1), true), ChunkError.BAD_FLAGS),
        Arguments.of("reserved 19", edit(b -> b.put(19, (byte) 0x80), true), ChunkError.BAD_FLAGS),
        Arguments.of("transfer 0", edit(b -> b.putLong(8, 0), true), ChunkError.BAD_TRANSFER_ID),
        Arguments.of("transfer top bit", edit(b -> b.putLong(8, -1L), true), ChunkError.BAD_TRANSFER_ID),
        Arguments.of("count 0", edit(b -> b.putInt(24, 0), true), ChunkError.BAD_CHUNK_COUNT),
        Arguments.of("count 2^31", edit(b -> b.putInt(24, 0x8000_0000), true), ChunkError.BAD_CHUNK_COUNT),
        Arguments.of("index = count", edit(b -> b.putInt(20, 5), true), ChunkError.BAD_CHUNK_INDEX),
        Arguments.of("index u32 max", edit(b -> b.putInt(20, -1), true), ChunkError.BAD_CHUNK_INDEX),
        Arguments.of("length 0", edit(b -> b.putInt(28, 0), true), ChunkError.EMPTY_PAYLOAD),
        Arguments.of("length u32 max", edit(b -> b.putInt(28, -1), true), ChunkError.PAYLOAD_TOO_LARGE),
        Arguments.of("length 2", edit(b -> b.putInt(28, 2), true), ChunkError.LENGTH_MISMATCH),
        Arguments.of("length 4", edit(b -> b.putInt(28, 4), true), ChunkError.LENGTH_MISMATCH),
        Arguments.of("trailing byte", Arrays.copyOf(GOLDEN, GOLDEN.length + 1), ChunkError.LENGTH_MISMATCH),
        Arguments.of("payload byte", edit(b -> b.put(33, (byte) 'B'), false), ChunkError.BAD_CRC),
        Arguments.of("shard index", edit(b -> b.put(16, (byte) 4), false), ChunkError.BAD_CRC),
        Arguments.of("crc", edit(b -> b.put(35, (byte) 0), false), ChunkError.BAD_CRC));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptions")
  void corruptionIsRefusedWithItsReason(String what, byte[] bytes, ChunkError reason) {
    ChunkDecodeException e = assertThrows(ChunkDecodeException.class, () -> ShardChunkCodec.decode(bytes));
    assertEquals(reason, e.reason(), e.getMessage());
    assertTrue(e.getMessage().startsWith("shard chunk "), e.getMessage());
    assertTrue(e.getMessage().endsWith("[" + reason + "]"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void everyReasonIsCovered() {
    assertEquals(ChunkError.values().length,
        corruptions().map(a -> a.get()[2]).distinct().count());
  }

  @Test
  void payloadLimitIsTheCallers() {
    ChunkDecodeException e = assertThrows(ChunkDecodeException.class,
        () -> ShardChunkCodec.decode(GOLDEN, 0, GOLDEN.length, 2));
    assertEquals(ChunkError.PAYLOAD_TOO_LARGE, e.reason());
    assertEquals("shard chunk payloadLength (offset 28): 3 bytes exceed the limit of 2 [PAYLOAD_TOO_LARGE]",
        e.getMessage());
  }

  @Test
  void truncationAtEveryLengthIsRefused() {
    for (int n = 0; n < GOLDEN.length; n++) {
      byte[] cut = Arrays.copyOf(GOLDEN, n);
      assertThrows(ChunkDecodeException.class, () -> ShardChunkCodec.decode(cut), "length " + n);
    }
  }

  @Test
  void constructorRefusesWhatCannotBeEncoded() {
    byte[] p = {1};
    assertThrows(IllegalArgumentException.class, () -> new ShardChunk(0, 0, 0, 1, p));
    assertThrows(IllegalArgumentException.class, () -> new ShardChunk(1, 65536, 0, 1, p));
    assertThrows(IllegalArgumentException.class, () -> new ShardChunk(1, 0, 1, 1, p));
    assertThrows(IllegalArgumentException.class, () -> new ShardChunk(1, 0, 0, 0, p));
    assertThrows(IllegalArgumentException.class, () -> new ShardChunk(1, 0, 0, 1, new byte[0]));
  }
}
