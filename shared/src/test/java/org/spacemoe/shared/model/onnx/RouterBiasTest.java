package org.spacemoe.shared.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * The bias calibration against ideal Gaussian router noise. The measured popularity of exported models is in
 * the onboard tests (ExpertPopularityTest).
 */
class RouterBiasTest {
  @Test
  void uniformSkewMeansNoBias() {
    assertArrayEquals(new float[8], RouterBias.bias(8, 2, 0));
    assertEquals(1.0, RouterBias.scale(8, 2, 0));
  }

  @Test
  void gaussianRouterMatchesThePlannersZipfModel() {
    for (double s : new double[] {0.5, 1.0, 1.5, 2.0}) {
      double[] target = RouterBias.plannerShares(8, 2, s);
      double[] got = RouterBias.gaussianShares(8, 2, s);
      System.out.printf(Locale.ROOT, "zipf %.1f alpha %.3f%n  planner  %s%n  gaussian %s%n", s,
          RouterBias.scale(8, 2, s), fmt(target), fmt(got));
      assertEquals(target[0], got[0], 0.005, "expert 0 is calibrated");
      for (int e = 0; e < 8; e++) {
        assertEquals(target[e], got[e], 0.03, "zipf " + s + " expert " + e);
      }
      for (int e = 1; e < 8; e++) {
        assertTrue(got[e] < got[e - 1], "popularity decreases with the index");
      }
    }
  }

  @Test
  void negativeSkewIsBadInput() {
    assertThrows(InvalidInputException.class, () -> RouterBias.bias(8, 2, -0.5));
  }

  static String fmt(double[] v) {
    return Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.3f", x))
        .reduce((a, b) -> a + " " + b).orElse("");
  }
}
