package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link HalfFloat} against an independent reference: half values computed from the IEEE 754
 * formula in double, nearest-even chosen by comparing distances.
 */
class FrameHalfFloatTest {

  /** Value of the half bit pattern {@code h} by the IEEE 754 formula (finite patterns only). */
  static double referenceValue(int h) {
    int exp = (h >>> 10) & 0x1F;
    int mant = h & 0x3FF;
    double magnitude = exp == 0 ? mant * Math.pow(2, -24) : (1024 + mant) * Math.pow(2, exp - 25);
    return (h & 0x8000) != 0 ? -magnitude : magnitude;
  }

  /** Nearest half to {@code f}, ties to the even pattern, by search over all finite halves. */
  static int referenceFromFloat(float f) {
    int sign = Float.floatToRawIntBits(f) < 0 ? 0x8000 : 0;
    double a = Math.abs((double) f);
    if (a >= 65520) {
      return sign | 0x7C00;
    }
    int lo = 0;
    int hi = 0x7BFF; // non-negative finite halves increase with their bit pattern
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (referenceValue(mid) <= a) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    if (lo == 0x7BFF) {
      return sign | lo;
    }
    double below = a - referenceValue(lo);
    double above = referenceValue(lo + 1) - a;
    int h = below < above ? lo : above < below ? lo + 1 : (lo & 1) == 0 ? lo : lo + 1;
    return sign | h;
  }

  @Test
  void toFloatMatchesTheFormulaForEveryFinitePattern() {
    for (int h = 0; h <= 0xFFFF; h++) {
      if ((h & 0x7C00) == 0x7C00) {
        continue;
      }
      int pattern = h;
      assertEquals(referenceValue(h), HalfFloat.toFloat((short) h), 0.0,
          () -> "half 0x" + Integer.toHexString(pattern));
    }
  }

  @Test
  void everyNonNanPatternRoundTripsExactly() {
    int checked = 0;
    for (int h = 0; h <= 0xFFFF; h++) {
      boolean nan = (h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0;
      if (nan) {
        continue;
      }
      float f = HalfFloat.toFloat((short) h);
      assertEquals(h, HalfFloat.fromFloat(f) & 0xFFFF, "half 0x" + Integer.toHexString(h));
      checked++;
    }
    assertEquals(65536 - 2 * 1023, checked);
  }

  @Test
  void infinitiesAndNanKeepTheirClass() {
    assertEquals(Float.POSITIVE_INFINITY, HalfFloat.toFloat((short) 0x7C00));
    assertEquals(Float.NEGATIVE_INFINITY, HalfFloat.toFloat((short) 0xFC00));
    assertTrue(Float.isNaN(HalfFloat.toFloat((short) 0x7E00)));
    assertTrue(HalfFloat.isNonFinite(HalfFloat.fromFloat(Float.NaN)));
    assertTrue((HalfFloat.fromFloat(Float.NaN) & 0x3FF) != 0, "NaN stays NaN");
    assertEquals((short) 0x7C00, HalfFloat.fromFloat(Float.POSITIVE_INFINITY));
    assertEquals((short) 0xFC00, HalfFloat.fromFloat(Float.NEGATIVE_INFINITY));
  }

  @Test
  void everyNanPatternStaysNan() {
    for (int h = 0; h <= 0xFFFF; h++) {
      if ((h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0) {
        float f = HalfFloat.toFloat((short) h);
        assertTrue(Float.isNaN(f), "half 0x" + Integer.toHexString(h));
        assertTrue(HalfFloat.isNonFinite(HalfFloat.fromFloat(f)) && (HalfFloat.fromFloat(f) & 0x3FF) != 0);
      }
    }
  }

  /**
   * Every midpoint between two adjacent finite halves (both signs) is a tie and goes to the even
   * pattern; one float ulp below goes down, one above goes up. Exhaustive over all 2 x 31743 pairs.
   */
  @Test
  void everyMidpointTiesToEvenAndItsNeighboursRoundToNearest() {
    for (int h = 0; h < 0x7BFF; h++) {
      double lo = referenceValue(h);
      double hi = referenceValue(h + 1);
      float mid = (float) ((lo + hi) / 2);
      assertEquals((lo + hi) / 2, mid, 0.0, "midpoint is exact in float");
      int even = (h & 1) == 0 ? h : h + 1;
      for (int sign : new int[] {0, 0x8000}) {
        float s = sign == 0 ? 1f : -1f;
        assertEquals(sign | even, HalfFloat.fromFloat(s * mid) & 0xFFFF, "tie above 0x"
            + Integer.toHexString(h));
        assertEquals(sign | h, HalfFloat.fromFloat(s * Math.nextDown(mid)) & 0xFFFF);
        assertEquals(sign | (h + 1), HalfFloat.fromFloat(s * Math.nextUp(mid)) & 0xFFFF);
      }
    }
  }

  @ParameterizedTest(name = "{0} -> 0x{1}")
  @CsvSource({
      "1.0,                 3C00",  // exact
      "1.00048828125,       3C00",  // 1 + 2^-11: tie between 1 and 1 + 2^-10, 0x3C00 is even
      "1.00146484375,       3C02",  // 1 + 3 * 2^-11: tie between 0x3C01 and 0x3C02 (even)
      "1.0005,              3C01",  // just above the tie: up
      "0.1,                 2E66",  // 0.1 -> 0.0999755859375
      "-2.0,                C000",
      "65504.0,             7BFF",  // largest finite half
      "65519.996,           7BFF",  // just below the overflow threshold
      "65520.0,             7C00",  // tie between 65504 and 2^16 goes to even 2^16 = infinity
      "6.103515625E-5,      0400",  // 2^-14, smallest normal
      "6.097555160522461E-5, 03FF", // 1023 * 2^-24, largest subnormal
      "6.1005353927612305E-5, 0400",// 1023.5 * 2^-24: tie, 0x0400 is even (carry into normal)
      "5.960464477539063E-8, 0001", // 2^-24, smallest subnormal
      "2.9802322387695312E-8, 0000",// 2^-25: tie between 0 and 2^-24, 0 is even
      "2.9802326E-8,        0001",  // just above 2^-25: up to the smallest subnormal
      "8.940696716308594E-8, 0002", // 3 * 2^-25: tie between 0x0001 and 0x0002 (even)
      "1.0E-10,             0000",  // underflow to zero
      "-1.0E-10,            8000",  // keeps the sign
      "-0.0,                8000"
  })
  void handPickedRounding(float f, String hex) {
    int expected = Integer.parseInt(hex, 16);
    assertEquals(expected, HalfFloat.fromFloat(f) & 0xFFFF, "fromFloat(" + f + ")");
    assertEquals(expected, referenceFromFloat(f), "reference(" + f + ")");
  }

  @Provide
  Arbitrary<Float> anyFloat() {
    return Arbitraries.integers().map(Float::intBitsToFloat).filter(f -> !Float.isNaN(f));
  }

  /** Floats with exponents around the half range, where rounding decisions happen. */
  @Provide
  Arbitrary<Float> halfRangeFloat() {
    return Combinators.combine(
            Arbitraries.of(1, -1),
            Arbitraries.integers().between(-27, 17),
            Arbitraries.integers().between(0, (1 << 23) - 1))
        .as((sign, exp, mant) -> sign * Math.scalb(1f + mant / (float) (1 << 23), exp));
  }

  @Property(tries = 3000)
  void matchesReferenceForAnyFloat(@ForAll("anyFloat") float f) {
    assertEquals(referenceFromFloat(f), HalfFloat.fromFloat(f) & 0xFFFF, "fromFloat(" + f + ")");
  }

  @Property(tries = 5000)
  void matchesReferenceInTheHalfRange(@ForAll("halfRangeFloat") float f) {
    assertEquals(referenceFromFloat(f), HalfFloat.fromFloat(f) & 0xFFFF, "fromFloat(" + f + ")");
  }
}
