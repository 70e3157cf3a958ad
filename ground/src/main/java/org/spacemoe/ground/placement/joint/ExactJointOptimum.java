package org.spacemoe.ground.placement.joint;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Subnet;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Brute-force optimum of the joint objective on an instance small enough to enumerate: every member of every
 * subnet as gateway, every combine point (own, or next except on the last layer) and every injective
 * expert-to-member assignment, on the same realisations and top-k set distribution as {@link JointPlacement}.
 * Per layer, the best (combine point, assignment) is found for every pair of gateways (this layer's, the next
 * layer's) by enumeration; then every tuple of gateways around the ring is enumerated. Since a layer's cost
 * depends only on its own gateway, the next gateway and its own choices, this is the exact minimum.
 */
public final class ExactJointOptimum {
  /** Largest number of (layer, gateway pair, combine point, assignment) evaluations plus gateway tuples. */
  public static final long MAX_ENUMERATED = 20_000_000L;

  /**
   * The check's figures (objective values are expected per-token latencies, s).
   *
   * @param startS the spacemoe plan's objective
   * @param jointS joint's objective
   * @param optimumS the exact optimum
   * @param gapPercent {@code 100 (joint - optimum) / optimum}
   * @param enumerated evaluations and gateway tuples enumerated
   */
  public record Gap(String constellation, String model, int slots, double startS, double jointS, double optimumS,
      double gapPercent, long enumerated) {}

  private ExactJointOptimum() {}

  public static Gap check(Scenario sc) {
    PlanningContext ctx = new PlanningContext(sc);
    JointResult joint = JointPlacement.joint().withMaxSplitWidth(1).optimise(ctx); // the unsplit design space
    List<Subnet> subnets = ctx.ringSubnets();
    int layers = subnets.size();
    int experts = sc.model().experts();
    long size = 1;
    long evaluations = 0;
    for (int l = 0; l < layers; l++) {
      int m = subnets.get(l).members().length;
      int mn = subnets.get((l + 1) % layers).members().length;
      size = Math.multiplyExact(size, m);
      evaluations += (long) m * mn * 2 * permutations(m - 1, experts);
    }
    long total = size + evaluations;
    if (total > MAX_ENUMERATED) {
      throw new InvalidInputException("exact check", "the instance needs " + total + " evaluations to enumerate,"
          + " more than " + MAX_ENUMERATED + "; use fewer layers, experts or satellites");
    }
    int[][] all = new int[layers][];
    for (int l = 0; l < layers; l++) {
      all[l] = IntStream.range(0, subnets.get(l).members().length).toArray();
    }
    JointPathTable table = new JointPathTable(ctx.network(), subnets, all);
    SplittableRandom rnd = ctx.random("joint-top-k");
    TopKSets[] sets = new TopKSets[layers];
    for (int l = 0; l < layers; l++) {
      sets[l] = TopKSets.of(sc.stats(), l, sc.model().topK(), rnd.split());
    }
    double x = sc.expertComputeS();
    double hop = sc.device().hopOverheadS();
    double[][][] inner = new double[layers][][];
    IntStream.range(0, layers).parallel().forEach(l -> {
      int nl = (l + 1) % layers;
      inner[l] = new double[all[l].length][all[nl].length];
      for (int g = 0; g < all[l].length; g++) {
        for (int gn = 0; gn < all[nl].length; gn++) {
          double best = Double.POSITIVE_INFINITY;
          boolean[] modes = l < layers - 1 ? new boolean[] {false, true} : new boolean[] {false};
          for (boolean next : modes) {
            LayerCostModel model = new LayerCostModel(table, l, g, gn, next, x, hop, sets[l]);
            best = Math.min(best, bestAssignment(model, new int[experts], 0, new boolean[model.members()]));
          }
          inner[l][g][gn] = best;
        }
      }
    });
    double optimum = layers * sc.gatewayComputeS() + sc.headComputeS() + cheapestTuple(inner);
    double gap = 100 * (joint.objectiveS() - optimum) / optimum;
    return new Gap(sc.constellation().id(), sc.model().name(), sc.slots(), joint.startObjectiveS(), joint.objectiveS(),
        optimum, gap, total);
  }

  private static double bestAssignment(LayerCostModel m, int[] host, int e, boolean[] used) {
    if (e == host.length) {
      return m.expectedS(host);
    }
    double best = Double.POSITIVE_INFINITY;
    for (int h = 0; h < m.members(); h++) {
      if (!used[h] && m.hostable(h)) {
        used[h] = true;
        host[e] = h;
        best = Math.min(best, bestAssignment(m, host, e + 1, used));
        used[h] = false;
      }
    }
    return best;
  }

  /** Minimum over every tuple of gateways (one per layer) of the ring's summed layer costs. */
  private static double cheapestTuple(double[][][] inner) {
    int layers = inner.length;
    int[] g = new int[layers];
    double best = Double.POSITIVE_INFINITY;
    while (true) {
      double sum = 0;
      for (int l = 0; l < layers; l++) {
        sum += inner[l][g[l]][g[(l + 1) % layers]];
      }
      best = Math.min(best, sum);
      int l = 0;
      while (l < layers && ++g[l] == inner[l].length) {
        g[l] = 0;
        l++;
      }
      if (l == layers) {
        return best;
      }
    }
  }

  private static long permutations(int n, int k) {
    long p = 1;
    for (int i = 0; i < k; i++) {
      p = Math.multiplyExact(p, Math.max(0, n - i));
    }
    return p;
  }
}
