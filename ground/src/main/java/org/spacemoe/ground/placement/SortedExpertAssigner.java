package org.spacemoe.ground.placement;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The paper's intra-layer rule: the most frequently activated expert goes to the candidate with the lowest
 * expected path latency, the next to the next, and so on (ties broken by index). Optimal for the linear
 * objective by the rearrangement inequality.
 */
public final class SortedExpertAssigner {
  private SortedExpertAssigner() {}

  /**
   * @param shares activation share per expert
   * @param latencyS expected latency per candidate, s; at least as many candidates as experts
   */
  public static LinearExpertAssignment assign(double[] shares, double[] latencyS) {
    Integer[] experts = IntStream.range(0, shares.length).boxed().toArray(Integer[]::new);
    Arrays.sort(experts, Comparator.<Integer>comparingDouble(e -> -shares[e]).thenComparingInt(e -> e));
    Integer[] cands = IntStream.range(0, latencyS.length).boxed().toArray(Integer[]::new);
    Arrays.sort(cands, Comparator.<Integer>comparingDouble(c -> latencyS[c]).thenComparingInt(c -> c));
    int[] out = new int[shares.length];
    for (int i = 0; i < experts.length; i++) {
      out[experts[i]] = cands[i];
    }
    return new LinearExpertAssignment(out, LinearExpertAssignment.objective(shares, latencyS, out));
  }
}
