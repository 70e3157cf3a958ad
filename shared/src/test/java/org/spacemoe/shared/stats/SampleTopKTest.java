package org.spacemoe.shared.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SampleTopKTest {
  private static final int DRAWS = 100_000;
  private static final double TOLERANCE = 0.01;

  @Test
  void topOneFrequenciesMatchShares() {
    double[] p = {0.4, 0.25, 0.2, 0.1, 0.05, 0};
    ActivationStatistics stats = new ActivationStatistics("freq", new double[][] {p});
    double[] freq = frequencies(stats, 1, new SplittableRandom(1));
    for (int e = 0; e < p.length; e++) {
      assertEquals(p[e], freq[e], TOLERANCE, "expert " + e);
    }
    assertEquals(0, freq[5]);
  }

  @Test
  void topTwoInclusionMatchesSuccessiveSamplingWithoutReplacement() {
    double[] p = {0.5, 0.3, 0.15, 0.05};
    ActivationStatistics stats = new ActivationStatistics("freq", new double[][] {p});
    double[] freq = frequencies(stats, 2, new SplittableRandom(2));
    for (int e = 0; e < p.length; e++) {
      double second = 0;
      for (int j = 0; j < p.length; j++) {
        second += j == e ? 0 : p[j] * p[e] / (1 - p[j]);
      }
      assertEquals(p[e] + second, freq[e], TOLERANCE, "expert " + e);
    }
  }

  @Test
  void zeroShareExpertsFillUpUniformlyOnceThePositiveOnesAreTaken() {
    ActivationStatistics stats = new ActivationStatistics("zeros", new double[][] {{0, 1, 0, 0}});
    double[] freq = frequencies(stats, 2, new SplittableRandom(3));
    assertEquals(1, freq[1]);
    for (int e : new int[] {0, 2, 3}) {
      assertEquals(1.0 / 3, freq[e], TOLERANCE, "expert " + e);
    }
  }

  @Test
  void badKIsRejected() {
    ActivationStatistics stats = ActivationStatistics.uniform(1, 4);
    SplittableRandom rnd = new SplittableRandom(4);
    assertThrows(IllegalArgumentException.class, () -> stats.sampleTopK(0, 0, rnd, new int[4]));
    assertThrows(IllegalArgumentException.class, () -> stats.sampleTopK(0, 5, rnd, new int[5]));
    assertThrows(IllegalArgumentException.class, () -> stats.sampleTopK(0, 3, rnd, new int[2]));
  }

  /** Fraction of draws in which each expert is among the {@code k} drawn. */
  private static double[] frequencies(ActivationStatistics stats, int k, SplittableRandom rnd) {
    int[] hits = new int[stats.experts()];
    int[] out = new int[k];
    for (int i = 0; i < DRAWS; i++) {
      stats.sampleTopK(0, k, rnd, out);
      for (int e : out) {
        hits[e]++;
      }
    }
    return Arrays.stream(hits).mapToDouble(h -> (double) h / DRAWS).toArray();
  }
}
