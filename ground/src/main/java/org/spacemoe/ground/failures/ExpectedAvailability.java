package org.spacemoe.ground.failures;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.shared.stats.ActivationStatistics;

/**
 * Expected token availability under independent satellite failures with probability {@code q}, computed rather
 * than sampled, for failure rates too small for Monte Carlo to resolve:
 *
 * <pre>
 * A = (1 - q)^|gateway satellites| * prod_l sum_K P(K) * P(every expert of K has a live copy | gateways up)
 * </pre>
 *
 * (with standby gateways, per layer instead: see {@link #withStandbys}).
 *
 * {@code P(K)}: probability of the top-k selection {@code K} (every ordered draw enumerated, successively
 * proportional to the remaining shares, as the evaluator draws; above {@value #MAX_SEQUENCES} sequences
 * {@value #SAMPLED_DRAWS} seeded draws instead). The inner probability enumerates the up/down states of the
 * satellites hosting copies of {@code K} (gateway satellites are up). Layers are taken as independent: exact when
 * no satellite serves two layers (ring strategies), an approximation otherwise.
 */
public final class ExpectedAvailability {
  static final int MAX_SEQUENCES = 50_000;
  static final int SAMPLED_DRAWS = 20_000;

  private ExpectedAvailability() {}

  public static double of(Placement p, ActivationStatistics stats, int k, double q) {
    if (p.hasStandbys()) {
      return withStandbys(p, stats, k, q);
    }
    Set<Integer> gateways = new HashSet<>();
    for (int g : p.gateways()) {
      gateways.add(g);
    }
    double a = Math.pow(1 - q, gateways.size());
    for (int l = 0; l < p.layers(); l++) {
      a *= layer(p.expertHosts()[l], stats, l, k, q, gateways, Set.of());
    }
    return a;
  }

  /**
   * With standby gateways, per layer: the gateway up and the selection covered, or the gateway down, its standby up
   * and the selection covered without the gateway's own copies:
   * {@code A_l = (1-q) P(K covered | g up) + q (1-q) P(K covered | g down, s up)}, and {@code A = prod_l A_l}
   * (layers independent: exact when no satellite serves two layers).
   */
  private static double withStandbys(Placement p, ActivationStatistics stats, int k, double q) {
    double a = 1;
    for (int l = 0; l < p.layers(); l++) {
      int g = p.gateways()[l];
      int s = p.standbys()[l];
      double layer = (1 - q) * layer(p.expertHosts()[l], stats, l, k, q, Set.of(g), Set.of());
      if (s >= 0) {
        layer += q * (1 - q) * layer(p.expertHosts()[l], stats, l, k, q, Set.of(s), Set.of(g));
      }
      a *= layer;
    }
    return a;
  }

  private static double layer(int[][] hosts, ActivationStatistics stats, int l, int k, double q, Set<Integer> up,
      Set<Integer> knownDown) {
    double[] shares = stats.layerShares(l);
    Map<BitSet, Double> setProbability = new LinkedHashMap<>();
    long sequences = 1;
    for (int i = 0; i < k; i++) {
      sequences *= shares.length - i;
    }
    if (sequences <= MAX_SEQUENCES) {
      enumerate(shares, k, new BitSet(), 1.0, 0, setProbability);
    } else {
      SplittableRandom rnd = new SplittableRandom(0x5EEDL + l);
      int[] out = new int[k];
      for (int d = 0; d < SAMPLED_DRAWS; d++) {
        stats.sampleTopK(l, k, rnd, out);
        BitSet mask = new BitSet();
        for (int e : out) {
          mask.set(e);
        }
        setProbability.merge(mask, 1.0 / SAMPLED_DRAWS, Double::sum);
      }
    }
    double sum = 0;
    for (Map.Entry<BitSet, Double> e : setProbability.entrySet()) {
      sum += e.getValue() * allLive(hosts, e.getKey(), q, up, knownDown);
    }
    return sum;
  }

  /** Adds the probability of every ordered draw, keyed by the set drawn. */
  private static void enumerate(double[] shares, int k, BitSet taken, double prob, double takenShare,
      Map<BitSet, Double> out) {
    if (taken.cardinality() == k) {
      out.merge((BitSet) taken.clone(), prob, Double::sum);
      return;
    }
    double rest = 1 - takenShare;
    for (int e = 0; e < shares.length; e++) {
      if (!taken.get(e) && shares[e] > 0) {
        taken.set(e);
        enumerate(shares, k, taken, prob * shares[e] / rest, takenShare + shares[e], out);
        taken.clear(e);
      }
    }
  }

  /**
   * P(every expert in {@code mask} has a live host), satellites independent, {@code up} ones surely up,
   * {@code knownDown} ones surely down.
   */
  private static double allLive(int[][] hosts, BitSet mask, double q, Set<Integer> up, Set<Integer> knownDown) {
    List<Integer> sats = new ArrayList<>();
    for (int e = 0; e < hosts.length; e++) {
      if (mask.get(e)) {
        for (int h : hosts[e]) {
          if (!up.contains(h) && !knownDown.contains(h) && !sats.contains(h)) {
            sats.add(h);
          }
        }
      }
    }
    if (sats.size() > 20) {
      throw new IllegalArgumentException("too many hosts to enumerate: " + sats.size());
    }
    double total = 0;
    for (int state = 0; state < (1 << sats.size()); state++) {
      double pr = 1;
      for (int i = 0; i < sats.size(); i++) {
        pr *= (state & (1 << i)) != 0 ? 1 - q : q;
      }
      if (covered(hosts, mask, sats, state, up)) {
        total += pr;
      }
    }
    return total;
  }

  private static boolean covered(int[][] hosts, BitSet mask, List<Integer> sats, int state, Set<Integer> up) {
    for (int e = 0; e < hosts.length; e++) {
      if (!mask.get(e)) {
        continue;
      }
      boolean live = false;
      for (int h : hosts[e]) {
        int i = sats.indexOf(h);
        if (up.contains(h) || (i >= 0 && (state & (1 << i)) != 0)) {
          live = true;
          break;
        }
      }
      if (!live) {
        return false;
      }
    }
    return true;
  }
}
