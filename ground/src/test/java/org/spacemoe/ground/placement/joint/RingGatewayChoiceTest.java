package org.spacemoe.ground.placement.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The ring DP against enumerating every tuple of candidates. */
class RingGatewayChoiceTest {
  @Property(tries = 300)
  void equalsEnumeration(@ForAll @IntRange(min = 1, max = 5) int layers, @ForAll @IntRange(min = 1, max = 4) int cands,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    int[] count = new int[layers];
    for (int l = 0; l < layers; l++) {
      count[l] = 1 + rnd.nextInt(cands);
    }
    double[][][] cost = new double[layers][][];
    for (int l = 0; l < layers; l++) {
      cost[l] = new double[count[l]][count[(l + 1) % layers]];
      for (double[] row : cost[l]) {
        for (int j = 0; j < row.length; j++) {
          row[j] = rnd.nextInt(10) == 0 ? Double.POSITIVE_INFINITY : rnd.nextDouble();
        }
      }
    }
    int[] dp = RingGatewayChoice.cheapestCycle(cost);
    double best = Double.POSITIVE_INFINITY;
    int[] g = new int[layers];
    while (true) {
      best = Math.min(best, total(cost, g));
      int l = 0;
      while (l < layers && ++g[l] == count[l]) {
        g[l] = 0;
        l++;
      }
      if (l == layers) {
        break;
      }
    }
    if (best == Double.POSITIVE_INFINITY) {
      assertEquals(null, dp);
    } else {
      assertEquals(best, total(cost, dp), 1e-12);
    }
  }

  private static double total(double[][][] cost, int[] g) {
    double s = 0;
    for (int l = 0; l < cost.length; l++) {
      s += cost[l][g[l]][g[(l + 1) % cost.length]];
    }
    return s;
  }
}
