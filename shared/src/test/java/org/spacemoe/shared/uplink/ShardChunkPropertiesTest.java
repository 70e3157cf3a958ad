package org.spacemoe.shared.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ShardChunkPropertiesTest {
  @Provide
  Arbitrary<ShardChunk> chunks() {
    Arbitrary<Integer> counts = Arbitraries.oneOf(Arbitraries.integers().between(1, 100),
        Arbitraries.integers().between(1, Integer.MAX_VALUE));
    return Combinators.combine(
        Arbitraries.longs().between(1, Long.MAX_VALUE),
        Arbitraries.integers().between(0, ShardChunk.MAX_SHARD_INDEX),
        counts,
        Arbitraries.integers().between(0, Integer.MAX_VALUE),
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300))
        .as((t, s, count, i, p) -> new ShardChunk(t, s, i % count, count, p));
  }

  @Property
  void roundTrip(@ForAll("chunks") ShardChunk c) {
    byte[] wire = ShardChunkCodec.encode(c);
    assertEquals(ShardChunkCodec.encodedSize(c.payload().length), wire.length);
    assertEquals(c, ShardChunkCodec.decode(wire));
    assertEquals(c, UplinkMessage.decode(wire));
  }

  /** CRC-32C detects every single-bit error; a flip in a checked field may be named by that field instead. */
  @Property
  void everySingleBitFlipIsRefused(@ForAll("chunks") ShardChunk c, @ForAll @IntRange(min = 0) int at,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    byte[] wire = ShardChunkCodec.encode(c);
    wire[at % wire.length] ^= (byte) (1 << bit);
    assertThrows(ChunkDecodeException.class, () -> ShardChunkCodec.decode(wire));
  }

  /** Garbage, and garbage behind a valid magic, only ever gives ChunkDecodeException. */
  @Property
  void garbageIsRefusedCleanly(@ForAll @Size(max = 80) byte[] junk, @ForAll boolean withMagic) {
    byte[] b = junk.clone();
    if (withMagic && b.length >= 5) {
      b[0] = 'S';
      b[1] = 'M';
      b[2] = 'C';
      b[3] = 'K';
      b[4] = 1;
    }
    assertThrows(ChunkDecodeException.class, () -> ShardChunkCodec.decode(b));
  }
}
