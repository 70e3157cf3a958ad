package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Hostile input: decode either returns a frame or throws {@link FrameDecodeException}; no other
 * exception ever escapes (an escaping exception fails the property).
 */
class FrameFuzzPropertiesTest {
  private final ActivationFrameCodec codec = new ActivationFrameCodec();

  @Provide
  Arbitrary<ActivationFrame> frames() {
    return FrameArbitraries.encodableFrames();
  }

  /** CRC32C detects every single-bit error, so a one-bit flip anywhere is always refused. */
  @Property(tries = 2000)
  void aSingleFlippedBitIsAlwaysRefused(@ForAll("frames") ActivationFrame f,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position) {
    byte[] bytes = codec.encode(f);
    int bit = position % (8 * bytes.length);
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    assertThrows(FrameDecodeException.class, () -> codec.decode(bytes));
  }

  @Property(tries = 2000)
  void randomGarbageOfRandomLength(@ForAll @Size(max = 400) byte[] bytes) {
    decodeOrRefuse(bytes);
  }

  /** Garbage behind a valid magic and version gets past the first checks. */
  @Property(tries = 2000)
  void garbageBehindAValidMagic(@ForAll @Size(min = 48, max = 200) byte[] bytes) {
    bytes[0] = 0x53;
    bytes[1] = 0x4D;
    bytes[2] = 0x4F;
    bytes[3] = 0x45;
    bytes[4] = 1;
    decodeOrRefuse(bytes);
    decodeOrRefuse(FrameBytes.fixCrc(bytes));
  }

  /** A few random bytes overwritten anywhere, with and without a repaired CRC. */
  @Property(tries = 2000)
  void randomByteOverwrites(@ForAll("frames") ActivationFrame f,
      @ForAll @Size(min = 1, max = 6) int[] positions, @ForAll @Size(6) byte[] values,
      @ForAll boolean repairCrc) {
    byte[] bytes = codec.encode(f);
    for (int i = 0; i < positions.length; i++) {
      bytes[Math.floorMod(positions[i], bytes.length)] = values[i];
    }
    decodeOrRefuse(repairCrc ? FrameBytes.fixCrc(bytes) : bytes);
  }

  /**
   * A random payload under a valid header and CRC decodes, or is refused for its values only: any
   * bit pattern is a valid TOKEN payload, an ACK must hold 0, FP32/FP16 may hold NaN/Inf, INT8 may
   * hold bad scales.
   */
  @Property(tries = 2000)
  void randomPayloadUnderAValidHeader(@ForAll("frames") ActivationFrame f, @ForAll long seed) {
    byte[] bytes = codec.encode(f);
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    for (int i = FrameLayout.HEADER_BYTES; i < bytes.length - FrameLayout.CRC_BYTES; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    FrameBytes.fixCrc(bytes);
    try {
      ActivationFrame back = codec.decode(bytes);
      assertEquals(f.codec(), back.codec());
      assertEquals(f.rows(), back.rows());
    } catch (FrameDecodeException e) {
      if (f.kind() == FrameKind.ACK) {
        assertEquals(FrameError.BAD_ACK, e.reason(), e.getMessage());
        return;
      }
      assertTrue(EnumSet.of(FrameError.NON_FINITE_VALUE, FrameError.BAD_SCALE).contains(e.reason()),
          e.getMessage());
      assertTrue(f.codec() != TensorCodec.I32, "a TOKEN payload has no invalid values");
    }
  }

  /** A random header in front of a random body, CRC repaired. */
  @Property(tries = 2000)
  void randomHeaderFields(@ForAll @IntRange(min = 0, max = 6) int kind,
      @ForAll @IntRange(min = 0, max = 4) int codecCode, @ForAll @IntRange(max = 4) int rows,
      @ForAll @IntRange(max = 4) int cols, @ForAll @IntRange(max = 40) int payloadLength,
      @ForAll @Size(max = 60) byte[] body) {
    byte[] bytes = new byte[FrameLayout.HEADER_BYTES + body.length + FrameLayout.CRC_BYTES];
    java.nio.ByteBuffer b = FrameBytes.le(bytes);
    b.putInt(0, FrameLayout.MAGIC);
    bytes[4] = 1;
    bytes[5] = (byte) kind;
    bytes[6] = (byte) codecCode;
    b.putLong(8, 1);
    b.putInt(FrameLayout.ROWS_OFFSET, rows);
    b.putInt(FrameLayout.COLS_OFFSET, cols);
    b.putInt(FrameLayout.PAYLOAD_LENGTH_OFFSET, payloadLength);
    System.arraycopy(body, 0, bytes, FrameLayout.HEADER_BYTES, body.length);
    decodeOrRefuse(FrameBytes.fixCrc(bytes));
  }

  private void decodeOrRefuse(byte[] bytes) {
    try {
      ActivationFrame f = codec.decode(bytes);
      assertEquals(bytes.length, ActivationFrameCodec.encodedSize(f));
    } catch (FrameDecodeException expected) {
      // refused: fine
    }
  }
}
