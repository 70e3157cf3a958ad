package org.spacemoe.ground.placement.joint;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Subnet;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.routing.NetworkRealisations;
import org.spacemoe.shared.routing.PathLatencies;

/**
 * A lower bound (s) on the joint objective of every plan in joint's design space: the ring subnets, one expert per
 * satellite of its layer's subnet, any gateway per subnet, any combine point per layer (own, or next except on the
 * last layer), on the planner's realisations (every slot, failure draw {@link JointPathTable#PLANNING_DRAW}).
 *
 * <p>For one realisation and one layer with gateway g, next gateway g' and a combine point, let {@code a_1 <= a_2
 * <= ...} be the arms of the members that may host an expert (see {@link LayerCostModel}) and {@code Q(n)} the
 * largest probability that the selected set falls inside some n experts. Whatever the assignment, the selected
 * experts' largest arm exceeds t with probability at least {@code 1 - Q(#members with arm <= t)}, so
 * {@code E[max arm] >= a_1 + sum_n (1 - Q(n)) (a_{n+1} - a_n)}. The layer costs at least that plus X, plus
 * {@code P(g, g')} when combined at its own gateway. The bound takes, per realisation and layer, the minimum of this
 * over every gateway pair and combine point (each layer and realisation choosing freely, which only lowers it),
 * averages over realisations and adds the compute every token pays. Needs every gateway pair's paths: one
 * shortest-path search per subnet member and realisation. Only computed for at most {@value #MAX_EXPERTS} experts
 * per layer ({@code Q} enumerates subsets of experts).
 */
public final class JointLowerBound {
  public static final int MAX_EXPERTS = 12;

  private JointLowerBound() {}

  /** The bound, s; NaN when the model has more than {@value #MAX_EXPERTS} experts per layer. */
  public static double compute(PlanningContext ctx) {
    Scenario sc = ctx.scenario();
    int experts = sc.model().experts();
    if (experts > MAX_EXPERTS) {
      return Double.NaN;
    }
    List<Subnet> subnets = ctx.ringSubnets();
    int layers = subnets.size();
    NetworkRealisations net = ctx.network();
    SplittableRandom rnd = ctx.random("joint-top-k");
    double[][] q = new double[layers][];
    for (int l = 0; l < layers; l++) {
      q[l] = containment(TopKSets.of(sc.stats(), l, sc.model().topK(), rnd.split()), experts);
    }
    double x = sc.expertComputeS();
    double waitS = net.waitForNextSlotS();
    int rs = net.slots().count();
    double[] perRealisation = new double[rs];
    IntStream.range(0, rs).parallel().forEach(r -> {
      NetworkRealisations.Realisation real = net.realisation(r, JointPathTable.PLANNING_DRAW);
      // from every member of layer l to members of l-1, l, l+1 (in that order)
      PathLatencies[][] from = new PathLatencies[layers][];
      for (int l = 0; l < layers; l++) {
        int[] prev = subnets.get((l - 1 + layers) % layers).members();
        int[] own = subnets.get(l).members();
        int[] next = subnets.get((l + 1) % layers).members();
        int[] targets = IntStream.concat(IntStream.concat(IntStream.of(prev), IntStream.of(own)), IntStream.of(next))
            .toArray();
        from[l] = new PathLatencies[own.length];
        for (int g = 0; g < own.length; g++) {
          from[l][g] = real.to(own[g], targets);
        }
      }
      double sum = 0;
      for (int l = 0; l < layers; l++) {
        sum += layerBound(from, subnets, l, q[l], experts, x, waitS);
      }
      perRealisation[r] = sum;
    });
    double mean = 0;
    for (double v : perRealisation) {
      mean += v / rs;
    }
    return mean + layers * sc.gatewayComputeS() + sc.headComputeS();
  }

  private static double layerBound(PathLatencies[][] from, List<Subnet> subnets, int l, double[] q, int experts,
      double x, double waitS) {
    int layers = subnets.size();
    int nl = (l + 1) % layers;
    int m = subnets.get(l).members().length;
    int prevLen = subnets.get((l - 1 + layers) % layers).members().length;
    int mn = subnets.get(nl).members().length;
    double best = Double.POSITIVE_INFINITY;
    double[] arms = new double[m];
    for (int g = 0; g < m; g++) {
      PathLatencies pg = from[l][g];
      // own: arms 2 P(g, h) (a waited round trip waits once), plus the cheapest P(g, g')
      int n = 0;
      for (int h = 0; h < m; h++) {
        if (h != g) {
          double d = pg.latencyS()[prevLen + h];
          arms[n++] = 2 * d - (pg.waitedForNextSlot()[prevLen + h] ? waitS : 0);
        }
      }
      double direct = Double.POSITIVE_INFINITY;
      for (int j = 0; j < mn; j++) {
        direct = Math.min(direct, pg.latencyS()[prevLen + m + j]);
      }
      best = Math.min(best, expectedMaxBound(arms, n, q, experts) + x + direct);
      if (l == layers - 1) {
        continue;
      }
      // next: arms P(g, h) + P(h, g') for every next gateway g'
      for (int j = 0; j < mn; j++) {
        PathLatencies pj = from[nl][j];
        n = 0;
        for (int h = 0; h < m; h++) {
          if (h != g) {
            arms[n++] = TokenLatencyEvaluator.onwardArm(pg.latencyS()[prevLen + h], pg.waitedForNextSlot()[prevLen + h],
                pj.latencyS()[h], pj.waitedForNextSlot()[h], waitS);
          }
        }
        best = Math.min(best, expectedMaxBound(arms, n, q, experts) + x);
      }
    }
    return best;
  }

  /** {@code a_1 + sum_{n=1}^{E-1} (1 - Q(n)) (a_{n+1} - a_n)} over the E smallest of {@code arms[0..n)}. */
  static double expectedMaxBound(double[] arms, int n, double[] q, int experts) {
    if (n < experts) {
      return Double.POSITIVE_INFINITY;
    }
    double[] a = Arrays.copyOf(arms, n);
    Arrays.sort(a);
    if (!Double.isFinite(a[experts - 1])) {
      return Double.POSITIVE_INFINITY;
    }
    double b = a[0];
    for (int i = 1; i < experts; i++) {
      b += (1 - q[i]) * (a[i] - a[i - 1]);
    }
    return b;
  }

  /** {@code q[n]}: the largest probability that the selected set lies inside some n experts. */
  static double[] containment(TopKSets sets, int experts) {
    double[] q = new double[experts + 1];
    int[] masks = new int[sets.sets().length];
    for (int i = 0; i < masks.length; i++) {
      for (int e : sets.sets()[i]) {
        masks[i] |= 1 << e;
      }
    }
    for (int s = 0; s < 1 << experts; s++) {
      double p = 0;
      for (int i = 0; i < masks.length; i++) {
        if ((masks[i] & ~s) == 0) {
          p += sets.probability()[i];
        }
      }
      int size = Integer.bitCount(s);
      q[size] = Math.max(q[size], p);
    }
    return q;
  }
}
