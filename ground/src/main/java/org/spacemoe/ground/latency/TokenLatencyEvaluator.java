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
      Map<PathQuery, PathLatencies> cache = new HashMap<>();
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
      double[][] layerSums = new double[layers][4];
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
            for (int k = 0; k < 4; k++) {
              layerSums[l][k] += rr.layerSums[l][k];
            }
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
      Placement pl, NetworkRealisations.Realisation real, int[][][] topK, Map<PathQuery, PathLatencies> cache,
      BitSet down) {
    int layers = pl.layers();
    double tx = network.hop().transmissionS();
    double wait = network.waitForNextSlotS();
    int experts = pl.expertHosts()[0].length;
    // the satellite running each expert's chosen copy (-1: no live copy), and whether every gateway is up
    int[][] expHost = new int[layers][experts];
    boolean gatewaysUp = true;
    // per layer and expert, the chosen copy's "arm" of the critical path (compute excluded): own combine
    // 2 P(g, h) (a round trip that waited for the next slot's links waits once: the reply travels in the new
    // slot); next combine P(g, h) + P(h, g_next) (two different paths, waiting at most once, see onwardArm). Its
    // hops and waiting time ride along.
    double[][] armLat = new double[layers][experts];
    int[][] armHops = new int[layers][experts];
    double[][] armWaitS = new double[layers][experts];
    double[] nextLat = new double[layers];
    int[] nextHops = new int[layers];
    double[] nextWaitS = new double[layers];
    long waits = 0;
    // the satellite running each layer's gateway in this realisation: its gateway, or its standby when the gateway
    // is down and the standby up
    int[] running = new int[layers];
    for (int l = 0; l < layers; l++) {
      int g = pl.gateways()[l];
      int standby = pl.standbys()[l];
      running[l] = g;
      if (down.get(g)) {
        if (standby >= 0 && !down.get(standby)) {
          running[l] = standby;
        } else {
          gatewaysUp = false;
        }
      }
    }
    for (int l = 0; l < layers; l++) {
      int gw = running[l];
      int next = running[(l + 1) % layers];
      int[][] hosts = pl.expertHosts()[l];
      int[] targets = targetsOf(hosts, next);
      PathLatencies pathLat = cache.computeIfAbsent(new PathQuery(gw, targets), k2 -> real.to(gw, targets));
      boolean atNext = pl.combineAtNext()[l];
      PathLatencies onward = atNext
          ? cache.computeIfAbsent(new PathQuery(next, targets), k2 -> real.to(next, targets)) : null;
      int pos = 0;
      for (int e = 0; e < experts; e++) {
        double best = Double.POSITIVE_INFINITY;
        int bestPos = -1;
        expHost[l][e] = -1;
        for (int i = 0; i < hosts[e].length; i++, pos++) {
          if (down.get(hosts[e][i])) {
            continue;
          }
          double arm = atNext
              ? onwardArm(pathLat.latencyS()[pos], pathLat.waitedForNextSlot()[pos], onward.latencyS()[pos],
                  onward.waitedForNextSlot()[pos], wait)
              : pathLat.latencyS()[pos];
          if (arm < best || bestPos < 0) {
            best = arm;
            bestPos = pos;
            expHost[l][e] = hosts[e][i];
          }
        }
        if (bestPos < 0) {
          continue;
        }
        boolean w1 = pathLat.waitedForNextSlot()[bestPos];
        if (atNext) {
          boolean w2 = onward.waitedForNextSlot()[bestPos];
          armLat[l][e] = onwardArm(pathLat.latencyS()[bestPos], w1, onward.latencyS()[bestPos], w2, wait);
          armHops[l][e] = Math.max(0, pathLat.hops()[bestPos]) + Math.max(0, onward.hops()[bestPos]);
          armWaitS[l][e] = w1 || w2 ? wait : 0;
          waits += w1 || w2 ? 1 : 0;
        } else {
          armLat[l][e] = 2 * pathLat.latencyS()[bestPos] - (w1 ? wait : 0);
          armHops[l][e] = 2 * Math.max(0, pathLat.hops()[bestPos]);
          armWaitS[l][e] = w1 ? wait : 0;
          waits += w1 ? 1 : 0;
        }
      }
      nextLat[l] = pathLat.latencyS()[pos];
      nextHops[l] = Math.max(0, pathLat.hops()[pos]);
      nextWaitS[l] = pathLat.waitedForNextSlot()[pos] ? wait : 0;
      waits += pathLat.waitedForNextSlot()[pos] ? 1 : 0;
    }
    int tokens = topK.length;
    double[] tokenS = new double[tokens];
    double[][] layerSums = new double[layers][4];
    double[][] token = new double[layers][4];
    for (int t = 0; t < tokens; t++) {
      double total = 0;
      boolean failed = !gatewaysUp;
      for (int l = 0; l < layers && !failed; l++) {
        int[] sel = topK[t][l];
        int slowest = -1;
        double slowestFinish = 0;
        double slowestCompute = 0;
        for (int e : sel) {
          int host = expHost[l][e];
          if (host < 0) {
            failed = true;
            break;
          }
          // co-selected experts on one computer run back to back
          int queued = 0;
          for (int o : sel) {
            queued += expHost[l][o] == host ? 1 : 0;
          }
          double work = queued * scenario.expertComputeS(host);
          double finish = armLat[l][e] + work;
          if (slowest < 0 || finish > slowestFinish) {
            slowest = e;
            slowestFinish = finish;
            slowestCompute = work;
          }
        }
        if (failed) {
          break;
        }
        int gw = running[l];
        double gateway = scenario.gatewayComputeS(gw);
        double head = l == layers - 1 ? scenario.headComputeS(gw) : 0;
        double compute;
        double path;
        double transmission;
        double waiting;
        if (!pl.combineAtNext()[l]) {
          compute = gateway + slowestCompute + head;
          waiting = armWaitS[l][slowest] + nextWaitS[l];
          transmission = (armHops[l][slowest] + nextHops[l]) * tx;
          path = armLat[l][slowest] + nextLat[l];
        } else if (armLat[l][slowest] + slowestCompute >= nextLat[l]) {
          // the experts' outputs arrive at the next gateway after the residual: they are the critical path
          compute = gateway + slowestCompute + head;
          waiting = armWaitS[l][slowest];
          transmission = armHops[l][slowest] * tx;
          path = armLat[l][slowest];
        } else {
          // the residual's direct path is slower than any expert's arm (only when failures detour it)
          compute = gateway + head;
          waiting = nextWaitS[l];
          transmission = nextHops[l] * tx;
          path = nextLat[l];
        }
        double propagation = path - transmission - waiting;
        token[l][0] = compute;
        token[l][1] = propagation;
        token[l][2] = transmission;
        token[l][3] = waiting;
        total += compute + path;
      }
      if (failed) {
        tokenS[t] = Double.NaN;
        continue;
      }
      tokenS[t] = total;
      // an excluded sample (no path even without failures) counts in neither the mean nor the breakdown
      if (Double.isFinite(total)) {
        for (int l = 0; l < layers; l++) {
          for (int k = 0; k < 4; k++) {
            layerSums[l][k] += token[l][k];
          }
        }
      }
    }
    return new RealisationResult(tokenS, layerSums, waits, real.upLinkCount());
  }

  /**
   * {@code P(g, h) + P(h, g_next)} with the unreachable policy applied once: a message that waited for the next
   * link state on its way to the expert travels on in that state (failure-free path), so it does not wait again.
   */
  public static double onwardArm(double toExpertS, boolean waited, double onwardS, boolean onwardWaited, double waitS) {
    return toExpertS + (waited && onwardWaited ? onwardS - waitS : onwardS);
  }

  private static int[] targetsOf(int[][] hosts, int next) {
    int n = 1;
    for (int[] hs : hosts) {
      n += hs.length;
    }
    int[] targets = new int[n];
    int pos = 0;
    for (int[] hs : hosts) {
      for (int hh : hs) {
        targets[pos++] = hh;
      }
    }
    targets[pos] = next;
    return targets;
  }

  /** Cache key of one path query: equal only for the same source and the same targets in the same order. */
  private record PathQuery(int source, int[] targets) {
    @Override
    public boolean equals(Object o) {
      return o instanceof PathQuery q && q.source == source && Arrays.equals(q.targets, targets);
    }

    @Override
    public int hashCode() {
      return 31 * source + Arrays.hashCode(targets);
    }
  }

  private LatencyReport report(String strategy, double[] tokens, long excluded, long failed, long waits,
      double upLinks,
      double[][] layerSums) {
    int n = tokens.length;
    double mean = Double.NaN;
    double se = Double.NaN;
    double[] sorted = tokens.clone();
    Arrays.sort(sorted);
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
    double[] tot = new double[4];
    // over the counted (finite) samples, like the mean: NaN when there are none
    double counted = n;
    for (int l = 0; l < layerSums.length; l++) {
      double[] s = layerSums[l];
      layers.add(new LayerBreakdown(l, s[0] / counted, s[1] / counted, s[2] / counted, s[3] / counted));
      for (int k = 0; k < 4; k++) {
        tot[k] += s[k] / counted;
      }
    }
    return new LatencyReport(strategy, mean, quantile(sorted, 0.50), quantile(sorted, 0.95), quantile(sorted, 0.99),
        se, n, excluded, waits, upLinks, tot[0], tot[1], tot[2], tot[3], layers, failed,
        n + failed == 0 ? Double.NaN : n / (double) (n + failed));
  }

  /** Nearest-rank quantile of sorted values; NaN when empty. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private record RealisationResult(double[] tokenS, double[][] layerSums, long waits, int upLinks) {}
}
