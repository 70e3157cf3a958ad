package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.spacemoe.shared.frame.FrameBytes.bytes;
import static org.spacemoe.shared.frame.FrameBytes.concat;
import static org.spacemoe.shared.frame.FrameBytes.crc32cLe;
import static org.spacemoe.shared.frame.FrameBytes.hex;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The sequence error wire format: an annotated vector, encode refusals, describe, round trip. */
class SequenceErrorCodecTest {

  static SequenceError sample() {
    return new SequenceError(7, 0x1122334455667788L, 12, 5, "p03s07",
        SequenceErrorReason.GATEWAY_UNREACHABLE, "no ack after 6 tries");
  }

  /**
   * Plan 7, sequence 0x1122334455667788, step 12, layer 5, satellite p03s07, GATEWAY_UNREACHABLE,
   * detail "no ack after 6 tries". The CRC literal was computed outside Java (bitwise CRC-32C).
   */
  static byte[] golden() {
    byte[] prefix = bytes(
        0x53, 0x4D, 0x45, 0x52,                         // 0  magic 'S' 'M' 'E' 'R'
        0x01,                                           // 4  format version 1
        0x02,                                           // 5  reason 2 = GATEWAY_UNREACHABLE
        0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 6  plan version 7 (u64 LE)
        0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, // 14 sequence id 0x1122334455667788
        0x0C, 0x00, 0x00, 0x00,                         // 22 token step 12 (u32)
        0x05, 0x00,                                     // 26 layer 5 (u16)
        0x06, 0x00,                                     // 28 satellite length 6 (u16)
        0x70, 0x30, 0x33, 0x73, 0x30, 0x37,             // 30 "p03s07"
        0x14, 0x00,                                     // 36 detail length 20 (u16)
        0x6E, 0x6F, 0x20, 0x61, 0x63, 0x6B, 0x20,       // 38 "no ack "
        0x61, 0x66, 0x74, 0x65, 0x72, 0x20,             // 45 "after "
        0x36, 0x20, 0x74, 0x72, 0x69, 0x65, 0x73);      // 51 "6 tries"
    byte[] crc = bytes(0x8F, 0x66, 0x92, 0x3D);         // 58 CRC32C 0x3D92668F over [0, 58)
    assertEquals(hex(crc), hex(crc32cLe(prefix)), "hand-written CRC vs java.util.zip.CRC32C");
    return concat(prefix, crc);
  }

  @Test
  void goldenVector() {
    byte[] expected = golden();
    byte[] encoded = SequenceErrorCodec.encode(sample());
    assertEquals(hex(expected), hex(encoded), "encoded bytes");
    assertArrayEquals(expected, encoded);
    assertEquals(sample(), SequenceErrorCodec.decode(expected));
  }

  /**
   * Plan 3, sequence 42, step 5, layer 0, satellite p00s00, DRAINING (code 9: a stopping node refused the start or
   * ran out of its stop drain), detail "stopping". The CRC literal was computed outside Java (bitwise CRC-32C).
   */
  static byte[] goldenDraining() {
    byte[] prefix = bytes(
        0x53, 0x4D, 0x45, 0x52,                         // 0  magic 'S' 'M' 'E' 'R'
        0x01,                                           // 4  format version 1
        0x09,                                           // 5  reason 9 = DRAINING
        0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 6  plan version 3 (u64 LE)
        0x2A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 14 sequence id 42
        0x05, 0x00, 0x00, 0x00,                         // 22 token step 5 (u32)
        0x00, 0x00,                                     // 26 layer 0 (u16)
        0x06, 0x00,                                     // 28 satellite length 6 (u16)
        0x70, 0x30, 0x30, 0x73, 0x30, 0x30,             // 30 "p00s00"
        0x08, 0x00,                                     // 36 detail length 8 (u16)
        0x73, 0x74, 0x6F, 0x70, 0x70, 0x69, 0x6E, 0x67); // 38 "stopping"
    byte[] crc = bytes(0x47, 0x8C, 0x20, 0x4E);         // 46 CRC32C 0x4E208C47 over [0, 46)
    assertEquals(hex(crc), hex(crc32cLe(prefix)), "hand-written CRC vs java.util.zip.CRC32C");
    return concat(prefix, crc);
  }

  @Test
  void goldenVectorDraining() {
    SequenceError draining = new SequenceError(3, 42, 5, 0, "p00s00", SequenceErrorReason.DRAINING, "stopping");
    assertEquals(hex(goldenDraining()), hex(SequenceErrorCodec.encode(draining)), "encoded bytes");
    assertEquals(draining, SequenceErrorCodec.decode(goldenDraining()));
  }

  @Test
  void emptyStringsGiveTheSmallestError() {
    SequenceError e = new SequenceError(0, -1, ActivationFrame.MAX_TOKEN_STEP,
        ActivationFrame.MAX_LAYER, "", SequenceErrorReason.DEADLINE_EXCEEDED, "");
    byte[] b = SequenceErrorCodec.encode(e);
    assertEquals(SequenceErrorCodec.MIN_BYTES, b.length);
    assertEquals(e, SequenceErrorCodec.decode(b));
  }

  @Test
  void stringsAtTheirMaximumAreAccepted() {
    SequenceError e = new SequenceError(1, 2, 3, 4, "s".repeat(64),
        SequenceErrorReason.EXPERT_TIMEOUT, "\u00e9".repeat(512)); // é = 2 UTF-8 bytes
    byte[] b = SequenceErrorCodec.encode(e);
    assertEquals(SequenceErrorCodec.MAX_BYTES, b.length);
    assertEquals(e, SequenceErrorCodec.decode(b));
  }

  @Test
  void encodeRefusesOverLongAndInvalidStringsNamingTheField() {
    IllegalArgumentException sat = assertThrows(IllegalArgumentException.class,
        () -> SequenceErrorCodec.encode(new SequenceError(1, 2, 3, 4, "s".repeat(65),
            SequenceErrorReason.EXPERT_TIMEOUT, "")));
    assertEquals("sequence error satellite: 65 UTF-8 bytes, at most 64", sat.getMessage());
    IllegalArgumentException detail = assertThrows(IllegalArgumentException.class,
        () -> SequenceErrorCodec.encode(new SequenceError(1, 2, 3, 4, "p",
            SequenceErrorReason.EXPERT_TIMEOUT, "\u00e9".repeat(513))));
    assertEquals("sequence error detail: 1026 UTF-8 bytes, at most 1024", detail.getMessage());
    IllegalArgumentException surrogate = assertThrows(IllegalArgumentException.class,
        () -> SequenceErrorCodec.encode(new SequenceError(1, 2, 3, 4, "p",
            SequenceErrorReason.EXPERT_TIMEOUT, "half \ud800 a pair")));
    assertEquals("sequence error detail: not valid Unicode (an unpaired surrogate), cannot be"
        + " written as UTF-8", surrogate.getMessage());
  }

  @Test
  void theRecordChecksItsRanges() {
    SequenceErrorReason r = SequenceErrorReason.BAD_START;
    assertThrows(IllegalArgumentException.class, () -> new SequenceError(1, 2, -1, 0, "", r, ""));
    assertThrows(IllegalArgumentException.class,
        () -> new SequenceError(1, 2, 1L << 32, 0, "", r, ""));
    assertThrows(IllegalArgumentException.class, () -> new SequenceError(1, 2, 0, -1, "", r, ""));
    assertThrows(IllegalArgumentException.class,
        () -> new SequenceError(1, 2, 0, 65536, "", r, ""));
    assertThrows(NullPointerException.class, () -> new SequenceError(1, 2, 0, 0, null, r, ""));
    assertThrows(NullPointerException.class, () -> new SequenceError(1, 2, 0, 0, "", null, ""));
    assertThrows(NullPointerException.class, () -> new SequenceError(1, 2, 0, 0, "", r, null));
  }

  @Test
  void describeIsOneHumanLine() {
    assertEquals("sequence 1 step 12 layer 5 on p03s07: GATEWAY_UNREACHABLE (no ack after 6 tries)",
        new SequenceError(3, 1, 12, 5, "p03s07", SequenceErrorReason.GATEWAY_UNREACHABLE,
            "no ack after 6 tries").describe());
    assertEquals("sequence 18446744073709551615 step 0 layer 0: SEQUENCE_EVICTED",
        new SequenceError(3, -1, 0, 0, "", SequenceErrorReason.SEQUENCE_EVICTED, "").describe());
    assertEquals("sequence 2 step 1 layer 3 on p01s01: EXECUTION_FAILED (line one line two)",
        new SequenceError(3, 2, 1, 3, "p01s01", SequenceErrorReason.EXECUTION_FAILED,
            "line one\nline two").describe());
  }

  @Test
  void reasonCodesAreStableAndUnique() {
    assertEquals(1, SequenceErrorReason.EXPERT_TIMEOUT.code());
    assertEquals(2, SequenceErrorReason.GATEWAY_UNREACHABLE.code());
    assertEquals(3, SequenceErrorReason.TOKEN_UNDELIVERED.code());
    assertEquals(4, SequenceErrorReason.CONTEXT_TOO_LONG.code());
    assertEquals(5, SequenceErrorReason.BAD_START.code());
    assertEquals(6, SequenceErrorReason.SEQUENCE_EVICTED.code());
    assertEquals(7, SequenceErrorReason.EXECUTION_FAILED.code());
    assertEquals(8, SequenceErrorReason.DEADLINE_EXCEEDED.code());
    assertEquals(9, SequenceErrorReason.DRAINING.code());
    Set<Integer> codes = new HashSet<>();
    for (SequenceErrorReason r : SequenceErrorReason.values()) {
      assertEquals(true, codes.add(r.code()), r::name);
      assertEquals(r, SequenceErrorReason.fromCode(r.code()).orElseThrow());
    }
    assertEquals(EnumSet.allOf(SequenceErrorReason.class).size(), codes.size());
    assertEquals(true, SequenceErrorReason.fromCode(0).isEmpty());
  }

  /** Any code point but a surrogate, so strings are valid Unicode. */
  static Arbitrary<String> unicode(int maxCodePoints) {
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x20, 0x7E)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)))
        .list().ofMaxSize(maxCodePoints)
        .map(l -> l.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint,
            StringBuilder::append).toString());
  }

  @Provide
  Arbitrary<SequenceError> errors() {
    return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.longs(),
            Arbitraries.longs().between(0, ActivationFrame.MAX_TOKEN_STEP),
            Arbitraries.integers().between(0, ActivationFrame.MAX_LAYER),
            unicode(16), // at most 4 UTF-8 bytes per code point: <= 64
            Arbitraries.of(SequenceErrorReason.class),
            unicode(256)) // <= 1024 bytes
        .as(SequenceError::new);
  }

  @Property
  void roundTrip(@ForAll("errors") SequenceError e) {
    byte[] b = SequenceErrorCodec.encode(e);
    assertEquals(e, SequenceErrorCodec.decode(b));
    assertArrayEquals(b, SequenceErrorCodec.encode(SequenceErrorCodec.decode(b)));
  }
}
