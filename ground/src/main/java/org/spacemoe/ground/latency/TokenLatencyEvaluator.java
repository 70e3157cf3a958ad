package org.spacemoe.ground.latency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.hipparchus.stat.descriptive.rank.Percentile.EstimationType;
import org.spacemoe.ground.failures.SatelliteFailures;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.routing.NetworkRealisations;
import org.spacemoe.shared.routing.PathLatencies;
import org.spacemoe.shared.stats.ActivationStatistics;

/**
 * Monte Carlo per-token latency. For one token in one network realisation:
 *
 * <pre>
 * T = sum over layers l of [ G + max over selected experts e of (2 * P(g_l, h_e) + X) + P(g_l, g_{l+1}) ] + H
 * </pre>
 *
 * for layers combined at their own gateway; a layer combined at the next layer's gateway
 * ({@link Placement#combineAtNext()}) instead takes
 * {@code G + max( max over e of (P(g_l, h_e) + X + P(h_e, g_{l+1})), P(g_l, g_{l+1}) )}: the experts' outputs
 * travel straight on, the residual goes directly.
 *
 * where G is gateway compute (attention + router), X expert compute, H the LM head, P the shortest-path
 * latency in that realisation (propagation + transmission per hop), h_e the host of expert e nearest to the
 * gateway, and g_L = g_0 (ring closure). The top-k experts of each layer are drawn from the activation
 * statistics. All placements see the same realisations and top-k draws (common random numbers), so
 * strategies are compared on equal terms. Realisations run in parallel and are aggregated in order:
 * results depend only on the seeds.
 *
 * <p>Capacity and mixed fleets: G, X and H are those of the satellite's own device. Selected experts whose
 * chosen copies share a satellite queue on its computer: they arrive with one message and run back to back, so a
 * satellite running {@code m} of the token's selected experts answers after {@code 2 P + m X}; the layer waits
 * for the slowest satellite. Satellite failures ({@link #withFailures}): the gateway sends each selected expert
 * to its nearest live copy; a token fails (counted, not timed) when a gateway of any layer is down or a selected
 * expert has no live copy.
 *
 * <p>Standby gateways ({@link Placement#standbys()}): a layer whose gateway's computer is down in a realisation runs
 * on its standby when that is up: {@code g_l} above is then the standby, for the layer's own paths and compute and
 * for the previous layer's path on to it; the token fails only when both are down. The one-time cost of the
 * take-over (the standby rebuilding each sequence's KV cache by replay, and the previous layer noticing the failure)
 * is not modelled per token: a token is timed as if the standby had always been the gateway. Standbys are idle
 * while their gateway is up, so without failures a placement's latency is the same with and without them.
 */
public final class TokenLatencyEvaluator {
  private final Scenario scenario;
  private final NetworkRealisations network;
  private final SatelliteFailures failures;

  public TokenLatencyEvaluator(Scenario scenario, NetworkRealisations network) {
    this(scenario, network, SatelliteFailures.NONE);
  }

  private TokenLatencyEvaluator(Scenario scenario, NetworkRealisations network, SatelliteFailures failures) {
    this.scenario = scenario;
    this.network = network;
    this.failures = failures;
  }

  /** The same evaluator with satellite computers failing as {@code f} says. */
  public TokenLatencyEvaluator withFailures(SatelliteFailures f) {
    return new TokenLatencyEvaluator(scenario, network, f);
  }

  public TokenLatencyEvaluator(Scenario scenario) {
    this(scenario, scenario.network());
  }

  /** Evaluates one placement. */
  public LatencyReport evaluate(Placement placement, EvaluationSettings settings) {
    return evaluateAll(List.of(placement), settings, r -> {}).get(0);
  }

  /**
   * Evaluates several placements on the same realisations and draws; placements that share a strategy name
   * (several random draws of one baseline) have their token samples pooled into one report. One report per
   * strategy name, in first-seen order. {@code progress} is called once per finished realisation (from
   * worker threads).
   */
  public List<LatencyReport> evaluateAll(List<Placement> placements, EvaluationSettings settings, IntConsumer progress) {
    int realisations = settings.realisations();
    int perReal = settings.tokensPerRealisation();
    int layers = scenario.model().layers();
    RealisationResult[][] results = new RealisationResult[realisations][];
    IntStream.range(0, realisations).parallel().forEach(r -> {
      int slot = r % scenario.slots();
      int draw = r / scenario.slots();
      NetworkRealisations.Realisation real = network.realisation(slot, draw);
      int[][][] topK = drawTopK(settings.seed(), r, perReal);
      RealisationResult[] row = new RealisationResult[placements.size()];
      Map<RealisedPlacement.PathQuery, PathLatencies> cache = new HashMap<>();
      BitSet down = failures.down(slot, draw, scenario.constellation().size());
      for (int p = 0; p < placements.size(); p++) {
        row[p] = evaluateRealisation(placements.get(p), real, topK, cache, down);
      }
      results[r] = row;
      progress.accept(r);
    });
    return aggregate(placements, results, settings);
  }

  private List<LatencyReport> aggregate(List<Placement> placements, RealisationResult[][] results,
      EvaluationSettings settings) {
    int layers = scenario.model().layers();
    int realisations = settings.realisations();
    LinkedHashMap<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int p = 0; p < placements.size(); p++) {
      groups.computeIfAbsent(placements.get(p).strategy(), k -> new ArrayList<>()).add(p);
    }
    List<LatencyReport> reports = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> grp : groups.entrySet()) {
      double[] all = new double[realisations * settings.tokensPerRealisation() * grp.getValue().size()];
      int n = 0;
      long excluded = 0;
      long failed = 0;
      long waits = 0;
      double upLinks = 0;
      LayerTime[] layerSums = new LayerTime[layers];
      Arrays.fill(layerSums, LayerTime.ZERO);
      for (int p : grp.getValue()) {
        for (int r = 0; r < realisations; r++) {
          RealisationResult rr = results[r][p];
          for (double t : rr.tokenS) {
            if (Double.isFinite(t)) {
              all[n++] = t;
            } else if (Double.isNaN(t)) {
              failed++;
            } else {
              excluded++;
            }
          }
          waits += rr.waits;
          upLinks += rr.upLinks;
          for (int l = 0; l < layers; l++) {
            layerSums[l] = layerSums[l].plus(rr.layerSums[l]);
          }
        }
      }
      reports.add(report(grp.getKey(), Arrays.copyOf(all, n), excluded, failed, waits,
          upLinks / ((double) realisations * grp.getValue().size()), layerSums));
    }
    return reports;
  }

  private int[][][] drawTopK(long seed, int realisation, int tokens) {
    ActivationStatistics stats = scenario.stats();
    int k = scenario.model().topK();
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + realisation);
    int[][][] out = new int[tokens][stats.layers()][k];
    for (int t = 0; t < tokens; t++) {
      for (int l = 0; l < stats.layers(); l++) {
        stats.sampleTopK(l, k, rnd, out[t][l]);
      }
    }
    return out;
  }

  private RealisationResult evaluateRealisation(
      Placement pl, NetworkRealisations.Realisation real, int[][][] topK,
      Map<RealisedPlacement.PathQuery, PathLatencies> cache, BitSet down) {
    int layers = pl.layers();
    double tx = network.hop().transmissionS();
    RealisedPlacement rp = RealisedPlacement.of(scenario, pl, real, network.waitForNextSlotS(), cache, down);
    int tokens = topK.length;
    double[] tokenS = new double[tokens];
    LayerTime[] layerSums = new LayerTime[layers];
    java.util.Arrays.fill(layerSums, LayerTime.ZERO);
    LayerTime[] token = new LayerTime[layers];
    for (int t = 0; t < tokens; t++) {
      double total = 0;
      boolean failed = false;
      for (int l = 0; l < layers && !failed; l++) {
        token[l] = LayerCriticalPath.layer(scenario, rp, l, topK[t][l], tx);
        failed = token[l] == null;
        total += failed ? 0 : token[l].totalS();
      }
      if (failed) {
        tokenS[t] = Double.NaN;
        continue;
      }
      tokenS[t] = total;
      // an excluded sample (no path even without failures) counts in neither the mean nor the breakdown
      if (Double.isFinite(total)) {
        for (int l = 0; l < layers; l++) {
          layerSums[l] = layerSums[l].plus(token[l]);
        }
      }
    }
    return new RealisationResult(tokenS, layerSums, rp.waits, real.upLinkCount());
  }

  /**
   * One token's latency in one realisation with no computer down, s, split per layer: the formula the bench's
   * predictor shares with the evaluator.
   *
   * @return per layer, or null when the token fails (cannot happen without failures unless a path is missing)
   */
  static LayerTime[] tokenLayers(Scenario sc, RealisedPlacement rp, int[][] selected, double transmissionS) {
    LayerTime[] out = new LayerTime[rp.placement.layers()];
    for (int l = 0; l < out.length; l++) {
      out[l] = LayerCriticalPath.layer(sc, rp, l, selected[l], transmissionS);
      if (out[l] == null) {
        return null;
      }
    }
    return out;
  }

  /**
   * {@code P(g, h) + P(h, g_next)} with the unreachable policy applied once: a message that waited for the next
   * link state on its way to the expert travels on in that state (failure-free path), so it does not wait again.
   */
  public static double onwardArm(double toExpertS, boolean waited, double onwardS, boolean onwardWaited, double waitS) {
    return toExpertS + (waited && onwardWaited ? onwardS - waitS : onwardS);
  }

  private LatencyReport report(String strategy, double[] tokens, long excluded, long failed, long waits,
      double upLinks, LayerTime[] layerSums) {
    int n = tokens.length;
    double mean = Double.NaN;
    double se = Double.NaN;
    if (n > 0) {
      double sum = 0;
      for (double t : tokens) {
        sum += t;
      }
      mean = sum / n;
      double ss = 0;
      for (double t : tokens) {
        ss += (t - mean) * (t - mean);
      }
      se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
    }
    List<LayerBreakdown> layers = new ArrayList<>();
    LayerTime tot = LayerTime.ZERO;
    // over the counted (finite) samples, like the mean: NaN when there are none
    double counted = n;
    for (int l = 0; l < layerSums.length; l++) {
      LayerTime mean1 = layerSums[l].over(counted);
      layers.add(LayerBreakdown.of(l, mean1));
      tot = tot.plus(mean1);
    }
    return new LatencyReport(strategy, mean, nearestRank(tokens, 50), nearestRank(tokens, 95), nearestRank(tokens, 99),
        se, n, excluded, waits, upLinks, tot.computeS(), tot.propagationS(), tot.transmissionS(), tot.waitingS(),
        tot.overheadS(), layers, failed,
        n + failed == 0 ? Double.NaN : n / (double) (n + failed));
  }

  /**
   * Nearest-rank percentile: the smallest of {@code values} with at least {@code p} % of them at or below it (the
   * {@code ceil(p/100 * n)}-th smallest); NaN when empty.
   *
   * @param p in (0, 100]
   */
  static double nearestRank(double[] values, double p) {
    return new Percentile(p).withEstimationType(EstimationType.R_1).evaluate(values);
  }

  private record RealisationResult(double[] tokenS, LayerTime[] layerSums, long waits, int upLinks) {}
}
