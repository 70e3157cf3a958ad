package org.spacemoe.ground.placement.joint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spacemoe.shared.stats.ActivationStatistics;

/**
 * The distribution of one layer's selected expert set, as the evaluator draws it: k distinct experts,
 * successively proportional to their shares among those not yet drawn. Exact (every ordered draw enumerated,
 * probabilities summed per set) when there are at most {@link #MAX_ORDERED_DRAWS} ordered draws (8 choose 2:
 * 56; 16 choose 4: 43,680); above that, {@link #MONTE_CARLO_DRAWS} seeded samples of equal weight.
 *
 * @param sets {@code sets[i]}: the experts of set i (sorted ascending)
 * @param probability {@code probability[i]}: its probability; they sum to 1
 * @param exact whether the probabilities are exact
 */
public record TopKSets(int[][] sets, double[] probability, boolean exact) {
  static final long MAX_ORDERED_DRAWS = 200_000;
  static final int MONTE_CARLO_DRAWS = 4_096;

  public static TopKSets of(ActivationStatistics stats, int layer, int k, SplittableRandom rnd) {
    double[] p = stats.layerShares(layer);
    int n = p.length;
    long ordered = 1;
    for (int i = 0; i < k; i++) {
      ordered *= n - i;
      if (ordered > MAX_ORDERED_DRAWS) {
        return sampled(stats, layer, k, rnd);
      }
    }
    boolean positiveEnough = true;
    int positive = 0;
    for (double v : p) {
      positive += v > 0 ? 1 : 0;
    }
    if (positive < k) {
      positiveEnough = false; // zero-share experts are then drawn uniformly: leave that to sampling
    }
    if (!positiveEnough) {
      return sampled(stats, layer, k, rnd);
    }
    Map<List<Integer>, Double> bySet = new LinkedHashMap<>();
    enumerate(p, k, new int[k], 0, new boolean[n], 1.0, 1.0, bySet);
    return fromMap(bySet, true);
  }

  private static void enumerate(double[] p, int k, int[] seq, int depth, boolean[] taken, double left, double prob,
      Map<List<Integer>, Double> out) {
    if (depth == k) {
      List<Integer> set = new ArrayList<>();
      for (int e : seq) {
        set.add(e);
      }
      set.sort(null);
      out.merge(set, prob, Double::sum);
      return;
    }
    for (int e = 0; e < p.length; e++) {
      if (!taken[e] && p[e] > 0) {
        taken[e] = true;
        seq[depth] = e;
        enumerate(p, k, seq, depth + 1, taken, left - p[e], prob * p[e] / left, out);
        taken[e] = false;
      }
    }
  }

  private static TopKSets sampled(ActivationStatistics stats, int layer, int k, SplittableRandom rnd) {
    Map<List<Integer>, Double> bySet = new LinkedHashMap<>();
    int[] out = new int[k];
    for (int i = 0; i < MONTE_CARLO_DRAWS; i++) {
      stats.sampleTopK(layer, k, rnd, out);
      List<Integer> set = new ArrayList<>();
      for (int e : out) {
        set.add(e);
      }
      set.sort(null);
      bySet.merge(set, 1.0 / MONTE_CARLO_DRAWS, Double::sum);
    }
    return fromMap(bySet, false);
  }

  private static TopKSets fromMap(Map<List<Integer>, Double> bySet, boolean exact) {
    int[][] sets = new int[bySet.size()][];
    double[] prob = new double[bySet.size()];
    int i = 0;
    for (Map.Entry<List<Integer>, Double> en : bySet.entrySet()) {
      sets[i] = en.getKey().stream().mapToInt(Integer::intValue).toArray();
      prob[i] = en.getValue();
      i++;
    }
    return new TopKSets(sets, prob, exact);
  }
}
