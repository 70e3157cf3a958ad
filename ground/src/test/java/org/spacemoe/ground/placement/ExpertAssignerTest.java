package org.spacemoe.ground.placement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The sorted rule against the optimal (Hungarian) assignment for the linear objective sum_e p_e L(c_e). */
class ExpertAssignerTest {

  /** One random instance: shares (non-negative, sum 1) and candidate latencies (m >= experts, with ties). */
  record Instance(double[] shares, double[] latencyS) {
    @Override
    public String toString() {
      return "shares=" + Arrays.toString(shares) + " latency=" + Arrays.toString(latencyS);
    }
  }

  @Provide
  Arbitrary<Instance> instances() {
    return Arbitraries.integers().between(1, 8).flatMap(experts ->
        Arbitraries.integers().between(experts, experts + 8).flatMap(m -> Combinators.combine(
            // integer weights 0..5 give zero shares and tied shares; at least one positive is forced below
            Arbitraries.integers().between(0, 5).list().ofSize(experts),
            // latencies from a small grid of ms values give many ties, plus arbitrary values
            Arbitraries.oneOf(
                Arbitraries.integers().between(1, 4).map(k -> k * 1e-3),
                Arbitraries.doubles().between(1e-4, 0.1).ofScale(9)).list().ofSize(m))
            .as(ExpertAssignerTest::instance)));
  }

  private static Instance instance(List<Integer> weights, List<Double> latency) {
    double[] w = weights.stream().mapToDouble(Integer::doubleValue).toArray();
    if (Arrays.stream(w).sum() == 0) {
      w[0] = 1;
    }
    double sum = Arrays.stream(w).sum();
    double[] shares = Arrays.stream(w).map(x -> x / sum).toArray();
    return new Instance(shares, latency.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static void assertDistinctCandidates(LinearExpertAssignment a, int m) {
    int[] c = a.candidateOfExpert();
    assertEquals(c.length, Arrays.stream(c).distinct().count(), "candidates reused: " + Arrays.toString(c));
    assertTrue(Arrays.stream(c).allMatch(x -> x >= 0 && x < m), Arrays.toString(c));
  }

  private static void assertRelEquals(double expected, double actual, String what) {
    assertTrue(Math.abs(expected - actual) <= 1e-9 * Math.max(Math.abs(expected), 1e-300),
        what + ": expected " + expected + ", got " + actual);
  }

  /** Minimum of the objective over all injective maps experts -> candidates (exhaustive). */
  private static double bruteForce(double[] p, double[] lat, int e, boolean[] used) {
    if (e == p.length) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int c = 0; c < lat.length; c++) {
      if (!used[c]) {
        used[c] = true;
        best = Math.min(best, p[e] * lat[c] + bruteForce(p, lat, e + 1, used));
        used[c] = false;
      }
    }
    return best;
  }

  @Property(tries = 300)
  void sortedRuleReachesTheOptimalObjective(@ForAll("instances") Instance in) {
    LinearExpertAssignment sorted = SortedExpertAssigner.assign(in.shares(), in.latencyS());
    LinearExpertAssignment optimal = HungarianExpertAssigner.assign(in.shares(), in.latencyS());
    assertDistinctCandidates(sorted, in.latencyS().length);
    assertDistinctCandidates(optimal, in.latencyS().length);
    assertRelEquals(optimal.objectiveS(), sorted.objectiveS(), "sorted vs Hungarian");
    // the reported objective is the objective of the reported assignment
    double recomputed = 0;
    for (int e = 0; e < in.shares().length; e++) {
      recomputed += in.shares()[e] * in.latencyS()[sorted.candidateOfExpert()[e]];
    }
    assertRelEquals(recomputed, sorted.objectiveS(), "sorted objective");
    // and it is the true minimum where exhaustive search is affordable (m <= 7: at most 7!/0! = 5040 maps)
    if (in.latencyS().length <= 7) {
      double min = bruteForce(in.shares(), in.latencyS(), 0, new boolean[in.latencyS().length]);
      assertRelEquals(min, sorted.objectiveS(), "sorted vs exhaustive");
    }
  }

  @Test
  void sortedRuleOnAHandExample() {
    // shares 0.5, 0.2, 0.3 -> ranking e0, e2, e1; latencies 3, 1, 2, 1 ms -> ranking c1, c3 (tie by index), c2, c0
    double[] shares = {0.5, 0.2, 0.3};
    double[] lat = {3e-3, 1e-3, 2e-3, 1e-3};
    LinearExpertAssignment a = SortedExpertAssigner.assign(shares, lat);
    assertArrayEquals(new int[] {1, 2, 3}, a.candidateOfExpert());
    // 0.5*1 + 0.2*2 + 0.3*1 = 1.2 ms
    assertEquals(1.2e-3, a.objectiveS(), 1e-15);
  }

  @Test
  void restrictedHungarianAbove128CandidatesMatchesTheFullOne() {
    SplittableRandom rnd = new SplittableRandom(42);
    for (int trial = 0; trial < 4; trial++) {
      int experts = 8;
      int m = 200;
      assertTrue(m > RingLinearPlacement.FULL_HUNGARIAN_MAX_CANDIDATES);
      double[] w = new double[experts];
      for (int e = 0; e < experts; e++) {
        w[e] = rnd.nextInt(4); // zeros and ties among shares
      }
      w[0] += 1;
      double sum = Arrays.stream(w).sum();
      double[] shares = Arrays.stream(w).map(x -> x / sum).toArray();
      double[] lat = new double[m];
      for (int c = 0; c < m; c++) {
        // half on a coarse grid (ties, also at the 4E cut), half arbitrary
        lat[c] = c % 2 == 0 ? (1 + rnd.nextInt(20)) * 1e-3 : rnd.nextDouble(1e-3, 2e-2);
      }
      LinearExpertAssignment restricted = RingLinearPlacement.hungarian(shares, lat, experts);
      LinearExpertAssignment full = HungarianExpertAssigner.assign(shares, lat);
      assertDistinctCandidates(restricted, m);
      assertRelEquals(full.objectiveS(), restricted.objectiveS(), "restricted vs full Hungarian, trial " + trial);
      // indices are mapped back to the full candidate list: the objective recomputed there is the same
      assertRelEquals(LinearExpertAssignment.objective(shares, lat, restricted.candidateOfExpert()),
          restricted.objectiveS(), "restricted objective on the full list, trial " + trial);
      assertRelEquals(full.objectiveS(), SortedExpertAssigner.assign(shares, lat).objectiveS(), "sorted, trial " + trial);
    }
  }
}
