package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
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

/** The residual vector {@code attnOut ++ weights ++ selected}: layout, every refusal, round trip. */
class ResidualCodecTest {
  private static final int HIDDEN = 4;
  private static final int K = 2;
  private static final int EXPERTS = 8;

  /** hidden 4, k 2: attnOut [0.5, -1, 2, 0.25], experts 3 and 0 with weights 0.75 and 0.25. */
  static float[] vector() {
    return new float[] {
        0.5f,   // 0 attnOut[0]
        -1.0f,  // 1 attnOut[1]
        2.0f,   // 2 attnOut[2]
        0.25f,  // 3 attnOut[3]
        0.75f,  // 4 weights[0]  (of selected[0])
        0.25f,  // 5 weights[1]  (of selected[1])
        3.0f,   // 6 selected[0] = expert 3 (float bits 0x40400000)
        0.0f};  // 7 selected[1] = expert 0 (float bits 0x00000000)
  }

  static Residual residual() {
    return new Residual(new float[] {0.5f, -1f, 2f, 0.25f}, new float[] {0.75f, 0.25f},
        new int[] {3, 0});
  }

  @Test
  void goldenVector() {
    assertArrayEquals(vector(), ResidualCodec.encode(residual()));
    assertEquals(0x4040_0000, Float.floatToRawIntBits(ResidualCodec.encode(residual())[6]));
    Residual r = ResidualCodec.decode(vector(), HIDDEN, K, EXPERTS);
    assertEquals(residual(), r);
    assertEquals(HIDDEN, r.hidden());
    assertEquals(K, r.topK());
  }

  /** Carried by an FP32 HIDDEN frame, the vector comes back exactly. */
  @Test
  void travelsInAnFp32HiddenFrame() {
    ActivationFrameCodec codec = new ActivationFrameCodec();
    float[] v = ResidualCodec.encode(residual());
    ActivationFrame f = codec.decode(codec.encode(
        ActivationFrame.hidden(1, 2, 3, 5, TensorCodec.FP32, 1, v.length, v)));
    assertEquals(residual(), ResidualCodec.decode(f.values(), HIDDEN, K, EXPERTS));
  }

  private static float[] with(int index, float value) {
    float[] v = vector();
    v[index] = value;
    return v;
  }

  private static Arguments row(String name, ResidualError reason, int index, float[] values) {
    return Arguments.of(name, reason, index, values);
  }

  static Stream<Arguments> corruptions() {
    return Stream.of(
        row("one float short", ResidualError.WRONG_LENGTH, -1, java.util.Arrays.copyOf(vector(), 7)),
        row("one float extra", ResidualError.WRONG_LENGTH, -1, java.util.Arrays.copyOf(vector(), 9)),
        row("empty", ResidualError.WRONG_LENGTH, -1, new float[0]),
        row("attnOut NaN", ResidualError.NON_FINITE_ATTN_OUT, 2, with(2, Float.NaN)),
        row("weight +Inf", ResidualError.NON_FINITE_WEIGHT, 4, with(4, Float.POSITIVE_INFINITY)),
        row("weight NaN", ResidualError.NON_FINITE_WEIGHT, 5, with(5, Float.NaN)),
        row("expert id 2.5", ResidualError.NON_INTEGRAL_EXPERT, 6, with(6, 2.5f)),
        row("expert id NaN", ResidualError.NON_INTEGRAL_EXPERT, 7, with(7, Float.NaN)),
        row("expert id -Inf", ResidualError.NON_INTEGRAL_EXPERT, 7,
            with(7, Float.NEGATIVE_INFINITY)),
        row("expert id -1", ResidualError.EXPERT_OUT_OF_RANGE, 7, with(7, -1f)),
        row("expert id 8 of 8", ResidualError.EXPERT_OUT_OF_RANGE, 6, with(6, 8f)),
        row("expert id 1e9", ResidualError.EXPERT_OUT_OF_RANGE, 6, with(6, 1e9f)),
        row("expert 3 twice", ResidualError.REPEATED_EXPERT, 7, with(7, 3f)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("corruptions")
  void corruptionIsRefusedWithItsReason(String name, ResidualError reason, int index,
      float[] values) {
    ResidualDecodeException e = assertThrows(ResidualDecodeException.class,
        () -> ResidualCodec.decode(values, HIDDEN, K, EXPERTS));
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(index, e.index(), e.getMessage());
    assertTrue(e.getMessage().startsWith("residual "), e.getMessage());
    assertTrue(e.getMessage().endsWith("[" + reason + "]"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void everyReasonIsCoveredByTheTable() {
    Set<ResidualError> covered = corruptions().map(a -> (ResidualError) a.get()[1])
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(ResidualError.class)));
    assertEquals(EnumSet.allOf(ResidualError.class), covered);
  }

  @Test
  void messagesNameTheElement() {
    ResidualDecodeException e = assertThrows(ResidualDecodeException.class,
        () -> ResidualCodec.decode(with(7, 3f), HIDDEN, K, EXPERTS));
    assertEquals("residual selected[1] (index 7): expert 3 is already selected[0] [REPEATED_EXPERT]",
        e.getMessage());
    ResidualDecodeException len = assertThrows(ResidualDecodeException.class,
        () -> ResidualCodec.decode(new float[3], HIDDEN, K, EXPERTS));
    assertEquals("residual length: 3 floats, but hidden 4 + 2 * topK 2 = 8 [WRONG_LENGTH]",
        len.getMessage());
  }

  @Test
  void negativeZeroIsExpertZero() {
    assertEquals(0, ResidualCodec.decode(with(7, -0f), HIDDEN, K, EXPERTS).selected()[1]);
  }

  @Test
  void badLayoutArgumentsAreACallerBug() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ResidualCodec.decode(vector(), 0, K, EXPERTS));
    assertFalse(e instanceof ResidualDecodeException);
    assertThrows(IllegalArgumentException.class, () -> ResidualCodec.decode(vector(), HIDDEN, 0, 8));
    assertThrows(IllegalArgumentException.class, () -> ResidualCodec.decode(vector(), HIDDEN, K, 1));
    assertThrows(IllegalArgumentException.class,
        () -> ResidualCodec.decode(vector(), HIDDEN, K, 65536 + 1));
  }

  @Test
  void theRecordRefusesWhatCannotBeSent() {
    float[] a = {1f};
    assertThrows(IllegalArgumentException.class,
        () -> new Residual(new float[0], new float[] {1f}, new int[] {0}));
    assertThrows(IllegalArgumentException.class, () -> new Residual(a, new float[0], new int[0]));
    assertThrows(IllegalArgumentException.class,
        () -> new Residual(a, new float[] {1f, 2f}, new int[] {0}));
    assertThrows(IllegalArgumentException.class,
        () -> new Residual(a, new float[] {1f}, new int[] {-1}));
    assertThrows(IllegalArgumentException.class,
        () -> new Residual(a, new float[] {1f}, new int[] {65535}));
    assertThrows(IllegalArgumentException.class,
        () -> new Residual(a, new float[] {1f, 2f}, new int[] {4, 4}));
  }

  /** A layer shape, then a residual of that shape with distinct expert ids below {@code experts}. */
  record Case(Residual residual, int experts) {}

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 64),
            Arbitraries.integers().between(1, 8),
            Arbitraries.integers().between(0, 300))
        .flatAs((hidden, k, extra) -> {
          int experts = k + extra;
          Arbitrary<float[]> attn =
              FrameArbitraries.finiteFloats().array(float[].class).ofSize(hidden);
          Arbitrary<float[]> weights =
              FrameArbitraries.finiteFloats().array(float[].class).ofSize(k);
          Arbitrary<int[]> ids = Arbitraries.integers().between(0, experts - 1).list().ofSize(k)
              .uniqueElements().map(l -> l.stream().mapToInt(Integer::intValue).toArray());
          return Combinators.combine(attn, weights, ids)
              .as((a, w, s) -> new Case(new Residual(a, w, s), experts));
        });
  }

  @Property
  void roundTrip(@ForAll("cases") Case c) {
    Residual r = c.residual();
    float[] v = ResidualCodec.encode(r);
    assertEquals(r.hidden() + 2 * r.topK(), v.length);
    assertEquals(r, ResidualCodec.decode(v, r.hidden(), r.topK(), c.experts()));
  }
}
