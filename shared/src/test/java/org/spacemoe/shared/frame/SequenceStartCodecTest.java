package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spacemoe.shared.frame.FrameBytes.bytes;
import static org.spacemoe.shared.frame.FrameBytes.concat;
import static org.spacemoe.shared.frame.FrameBytes.crc32cLe;
import static org.spacemoe.shared.frame.FrameBytes.hex;

import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link SequenceStart} as a TOKEN frame: same bytes as before the codec, and every refusal. */
class SequenceStartCodecTest {
  private static final ActivationFrameCodec CODEC = new ActivationFrameCodec();

  /**
   * Plan 7, sequence 0x1122334455667788, prompt [1, 2, 300], 16 new tokens. The CRC literal was
   * computed outside Java (bitwise CRC-32C), as in {@link FrameGoldenVectorsTest}.
   */
  @Test
  void goldenStart() {
    byte[] prefix = bytes(
        0x53, 0x4D, 0x4F, 0x45,                         // 0  magic 'S' 'M' 'O' 'E'
        0x01,                                           // 4  format version 1
        0x01,                                           // 5  kind 1 = TOKEN
        0x03,                                           // 6  codec 3 = I32
        0x00,                                           // 7  flags 0
        0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 8  plan version 7
        0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, // 16 sequence id 0x1122334455667788
        0x00, 0x00, 0x00, 0x00,                         // 24 token step 0 (a start)
        0x00, 0x00,                                     // 28 layer 0 (a start)
        0x10, 0x00,                                     // 30 expert field = 16 new tokens
        0x01, 0x00, 0x00, 0x00,                         // 32 rows 1
        0x03, 0x00, 0x00, 0x00,                         // 36 cols 3 = prompt length
        0x0C, 0x00, 0x00, 0x00,                         // 40 payload length 12 = 1*3*4
        0x01, 0x00, 0x00, 0x00,                         // 44 prompt[0] = 1
        0x02, 0x00, 0x00, 0x00,                         // 48 prompt[1] = 2
        0x2C, 0x01, 0x00, 0x00);                        // 52 prompt[2] = 300 = 0x012C
    byte[] crc = bytes(0x0E, 0x5F, 0xC6, 0x3A);         // 56 CRC32C 0x3AC65F0E over [0, 56)
    assertEquals(hex(crc), hex(crc32cLe(prefix)), "hand-written CRC vs java.util.zip.CRC32C");
    byte[] expected = concat(prefix, crc);

    SequenceStart start = new SequenceStart(7, 0x1122334455667788L, new int[] {1, 2, 300}, 16);
    byte[] encoded = CODEC.encode(SequenceStartCodec.toFrame(start));
    assertEquals(hex(expected), hex(encoded), "encoded bytes");

    // The frame onboard's Frames.start built before the codec existed: the same bytes.
    ActivationFrame legacy = new ActivationFrame(7, 0x1122334455667788L, 0, 0, 16, FrameKind.TOKEN,
        TensorCodec.I32, 1, 3, null, new int[] {1, 2, 300});
    assertArrayEquals(expected, CODEC.encode(legacy), "legacy start bytes");

    ActivationFrame decoded = CODEC.decode(expected);
    assertTrue(SequenceStartCodec.isStart(decoded));
    assertEquals(start, SequenceStartCodec.fromFrame(decoded));
  }

  @Test
  void isStartTellsStartsFromRingClosures() {
    assertTrue(SequenceStartCodec.isStart(
        SequenceStartCodec.toFrame(new SequenceStart(1, 2, new int[] {5}, 1))));
    assertFalse(SequenceStartCodec.isStart(ActivationFrame.tokens(1, 2, 3, 0, 42)));
    assertFalse(SequenceStartCodec.isStart(ActivationFrame.ack(1, 2, 0, 0, 4)));
    assertFalse(SequenceStartCodec.isStart(
        ActivationFrame.hidden(1, 2, 0, 0, TensorCodec.FP32, 1, 1, new float[] {1})));
    // claims to be a start (TOKEN with an expert field); fromFrame then refuses the bad ones
    assertTrue(SequenceStartCodec.isStart(new ActivationFrame(1, 2, 0, 0, 0, FrameKind.TOKEN,
        TensorCodec.I32, 1, 1, null, new int[] {5})));
  }

  static Stream<Arguments> notStarts() {
    return Stream.of(
        Arguments.of("ring closure (no expert)", "expert", ActivationFrame.tokens(1, 2, 0, 0, 5)),
        Arguments.of("HIDDEN", "kind",
            ActivationFrame.hidden(1, 2, 0, 0, TensorCodec.FP32, 1, 1, new float[] {1})),
        Arguments.of("ACK", "kind", ActivationFrame.ack(1, 2, 0, 0, 3)),
        Arguments.of("step 1", "tokenStep", token(1, 0, 3, 1, 5)),
        Arguments.of("layer 2", "layer", token(0, 2, 3, 1, 5)),
        Arguments.of("expert 0 new tokens", "expert", token(0, 0, 0, 1, 5)),
        Arguments.of("2 rows", "rows", token(0, 0, 3, 2, 5, 6)));
  }

  private static ActivationFrame token(long step, int layer, int expert, int rows, int... t) {
    return new ActivationFrame(1, 2, step, layer, expert, FrameKind.TOKEN, TensorCodec.I32, rows,
        t.length / rows, null, t);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notStarts")
  void notAStartIsRefusedNamingTheField(String name, String field, ActivationFrame f) {
    FrameDecodeException e = assertThrows(FrameDecodeException.class,
        () -> SequenceStartCodec.fromFrame(f));
    assertEquals(FrameError.BAD_START, e.reason());
    assertEquals(field, e.field());
    assertTrue(e.getMessage().startsWith("sequence start " + field + " (offset "), e.getMessage());
    assertTrue(e.getMessage().endsWith("[BAD_START]"), e.getMessage());
  }

  @Test
  void theRecordChecksItsRanges() {
    assertThrows(IllegalArgumentException.class, () -> new SequenceStart(0, 1, new int[] {1}, 1));
    assertThrows(IllegalArgumentException.class, () -> new SequenceStart(1, 1, new int[0], 1));
    assertThrows(NullPointerException.class, () -> new SequenceStart(1, 1, null, 1));
    assertThrows(IllegalArgumentException.class, () -> new SequenceStart(1, 1, new int[] {1}, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SequenceStart(1, 1, new int[] {1}, ActivationFrame.MAX_EXPERT + 1));
    assertEquals("sequence start newTokens: must be in [1, 65534], got 65535", e.getMessage());
    new SequenceStart(-1, -1, new int[] {1}, ActivationFrame.MAX_EXPERT);
  }

  @Test
  void thePromptIsCopiedInAndOut() {
    int[] prompt = {1, 2};
    SequenceStart s = new SequenceStart(1, 1, prompt, 3);
    prompt[0] = 99;
    assertEquals(1, s.prompt()[0]);
    s.prompt()[1] = 99;
    assertEquals(2, s.prompt()[1]);
    assertEquals(new SequenceStart(1, 1, new int[] {1, 2}, 3), s);
    assertEquals(new SequenceStart(1, 1, new int[] {1, 2}, 3).hashCode(), s.hashCode());
    assertNotEquals(new SequenceStart(1, 1, new int[] {1, 3}, 3), s);
  }

  @Provide
  Arbitrary<SequenceStart> starts() {
    return Combinators.combine(
            Arbitraries.longs().filter(v -> v != 0),
            Arbitraries.longs(),
            Arbitraries.integers().array(int[].class).ofMinSize(1).ofMaxSize(50),
            Arbitraries.integers().between(1, ActivationFrame.MAX_EXPERT))
        .as(SequenceStart::new);
  }

  @Property
  void roundTripThroughBytes(@ForAll("starts") SequenceStart s) {
    ActivationFrame f = CODEC.decode(CODEC.encode(SequenceStartCodec.toFrame(s)));
    assertTrue(SequenceStartCodec.isStart(f));
    assertEquals(s, SequenceStartCodec.fromFrame(f));
  }
}
