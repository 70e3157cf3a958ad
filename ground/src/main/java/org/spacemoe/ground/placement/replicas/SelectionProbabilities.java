package org.spacemoe.ground.placement.replicas;

import java.util.SplittableRandom;
import org.spacemoe.shared.stats.ActivationStatistics;

/**
 * Probability that each expert is among a token's top-k selected experts (its inclusion probability), estimated
 * from {@code draws} seeded top-k draws per layer, the same sampler the evaluator uses.
 */
public final class SelectionProbabilities {
  private SelectionProbabilities() {}

  /** {@code [layer][expert]} inclusion probabilities; each row sums to k. */
  public static double[][] estimate(ActivationStatistics stats, int k, int draws, long seed) {
    double[][] p = new double[stats.layers()][];
    int[] out = new int[k];
    for (int l = 0; l < stats.layers(); l++) {
      SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + l);
      p[l] = new double[stats.layerShares(l).length];
      for (int d = 0; d < draws; d++) {
        stats.sampleTopK(l, k, rnd, out);
        for (int e : out) {
          p[l][e] += 1.0 / draws;
        }
      }
    }
    return p;
  }
}
