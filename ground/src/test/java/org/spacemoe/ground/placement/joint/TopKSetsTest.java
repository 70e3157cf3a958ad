package org.spacemoe.ground.placement.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.stats.ActivationStatistics;

/** The exact top-k set distribution against the evaluator's own sampler. */
class TopKSetsTest {
  @Test
  void exactProbabilitiesMatchTheSampler() {
    ActivationStatistics stats = ActivationStatistics.zipf(1, 8, 1.0);
    TopKSets sets = TopKSets.of(stats, 0, 2, new SplittableRandom(1));
    assertTrue(sets.exact());
    assertEquals(28, sets.sets().length, "8 choose 2");
    assertEquals(1.0, Arrays.stream(sets.probability()).sum(), 1e-12);
    // hand-computed: P({0,1}) = p0 p1 / (1 - p0) + p1 p0 / (1 - p1), p_i = (1/(i+1)) / H_8
    double h = 0;
    for (int i = 1; i <= 8; i++) {
      h += 1.0 / i;
    }
    double p0 = 1 / h;
    double p1 = 0.5 / h;
    assertEquals(p0 * p1 / (1 - p0) + p1 * p0 / (1 - p1), probabilityOf(sets, 0, 1), 1e-12);
    // the sampler the evaluator uses, 200,000 draws: each set's frequency within 5 standard errors
    int n = 200_000;
    int[] out = new int[2];
    SplittableRandom rnd = new SplittableRandom(7);
    double[] freq = new double[sets.sets().length];
    for (int t = 0; t < n; t++) {
      stats.sampleTopK(0, 2, rnd, out);
      int a = Math.min(out[0], out[1]);
      int b = Math.max(out[0], out[1]);
      for (int i = 0; i < freq.length; i++) {
        if (sets.sets()[i][0] == a && sets.sets()[i][1] == b) {
          freq[i] += 1.0 / n;
        }
      }
    }
    for (int i = 0; i < freq.length; i++) {
      double p = sets.probability()[i];
      assertEquals(p, freq[i], 5 * Math.sqrt(p * (1 - p) / n) + 1e-9, Arrays.toString(sets.sets()[i]));
    }
  }

  @Test
  void largeModelsFallBackToSeededSampling() {
    ActivationStatistics stats = ActivationStatistics.zipf(1, 64, 1.0);
    TopKSets a = TopKSets.of(stats, 0, 4, new SplittableRandom(3));
    TopKSets b = TopKSets.of(stats, 0, 4, new SplittableRandom(3));
    assertTrue(!a.exact());
    assertEquals(1.0, Arrays.stream(a.probability()).sum(), 1e-9);
    assertTrue(Arrays.deepEquals(a.sets(), b.sets()));
  }

  private static double probabilityOf(TopKSets sets, int a, int b) {
    for (int i = 0; i < sets.sets().length; i++) {
      if (sets.sets()[i][0] == a && sets.sets()[i][1] == b) {
        return sets.probability()[i];
      }
    }
    return 0;
  }
}
