package org.spacemoe.ground.placement.region;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.spacemoe.ground.placement.Subnet;

/**
 * Expected gateway latency (s, mean over the slots as {@code ExpectedGatewayLatency} computes it, same
 * floating-point sums) of each layer's members near its gateway, and a lower bound on every other member's.
 *
 * <p>Per slot, {@link NearestMembersSearch} gives members with their exact latency and a bound {@code T} below which
 * nothing else lies. A member exact in every slot gets its exact mean; any other member's mean is at least the same
 * sum with {@code min(T, wait)} in the slots where it was not exact: a member the failure graph cannot reach at all
 * waits for the next slot ({@code wait} s) plus its failure-free latency. Sums of rounded non-negative terms are
 * monotone, so the bound holds for the computed means too.
 */
public final class RegionGatewayLatency {
  /**
   * One layer's figures.
   *
   * @param candidates members (dense indices) whose mean was computed exactly
   * @param meanS their expected latency from the gateway, s (same order)
   * @param othersAtLeastS every other member's expected latency is at least this, s (+Infinity when there is none)
   * @param nearest members found in some slot (dense indices), by exact mean or lower bound, lowest first
   * @param mostSettled the most satellites one slot's search from this gateway settled
   */
  public record Layer(int[] candidates, double[] meanS, double othersAtLeastS, int[] nearest, int mostSettled) {}

  private RegionGatewayLatency() {}

  /**
   * @param quota members (besides the gateway) each slot's search settles at least, unless the
   *     reachable graph ends first
   * @param layerOf layer of each satellite's subnet (dense index), -1 for none
   * @param required per layer, members (dense indices) each slot's search settles too
   * @param waitS the unreachable policy's wait for the next slot, s
   */
  public static List<Layer> compute(LazyIslNetwork net, int slots, List<Subnet> subnets, int[] layerOf,
      int[] gateways, int quota, int[][] required, double waitS) {
    int layers = subnets.size();
    NearestMembers[][] found = new NearestMembers[slots][layers];
    IntStream.range(0, slots).parallel().forEach(s -> {
      LazyIslNetwork.Slot g = net.slot(s);
      for (int l = 0; l < layers; l++) {
        found[s][l] = NearestMembersSearch.run(g, gateways[l], layerOf, l, quota, required[l]);
      }
    });
    List<Layer> out = new ArrayList<>(layers);
    for (int l = 0; l < layers; l++) {
      out.add(layer(found, l, slots, subnets.get(l).members().length, waitS));
    }
    return out;
  }

  private static Layer layer(NearestMembers[][] found, int l, int slots, int memberCount, double waitS) {
    double[] boundS = new double[slots];
    int mostSettled = 0;
    Map<Integer, double[]> perSlot = new LinkedHashMap<>();
    for (int s = 0; s < slots; s++) {
      NearestMembers f = found[s][l];
      boundS[s] = Math.min(f.othersAtLeastS(), waitS);
      mostSettled = Math.max(mostSettled, f.settled());
      for (int i = 0; i < f.members().length; i++) {
        double[] row = perSlot.computeIfAbsent(f.members()[i], k -> {
          double[] r = new double[slots];
          Arrays.fill(r, Double.NaN);
          return r;
        });
        row[s] = f.latencyS()[i];
      }
    }
    List<Integer> exact = new ArrayList<>();
    List<Double> means = new ArrayList<>();
    int[] touched = new int[perSlot.size()];
    double[] touchedS = new double[perSlot.size()];
    int t = 0;
    double othersAtLeast = perSlot.size() < memberCount ? meanOf(boundS, boundS, slots) : Double.POSITIVE_INFINITY;
    for (Map.Entry<Integer, double[]> e : perSlot.entrySet()) {
      double[] row = e.getValue();
      boolean all = Arrays.stream(row).noneMatch(Double::isNaN);
      double mean = meanOf(row, boundS, slots);
      touched[t] = e.getKey();
      touchedS[t++] = mean;
      if (all) {
        exact.add(e.getKey());
        means.add(mean);
      } else {
        othersAtLeast = Math.min(othersAtLeast, mean);
      }
    }
    int[] nearest = IntStream.range(0, touched.length).boxed()
        .sorted((a, b) -> touchedS[a] != touchedS[b] ? Double.compare(touchedS[a], touchedS[b])
            : Integer.compare(touched[a], touched[b]))
        .mapToInt(i -> touched[i]).toArray();
    return new Layer(exact.stream().mapToInt(Integer::intValue).toArray(),
        means.stream().mapToDouble(Double::doubleValue).toArray(), othersAtLeast, nearest, mostSettled);
  }

  /** {@code sum over s of x[s] / slots} in slot order, {@code fallback[s]} where {@code x[s]} is NaN. */
  private static double meanOf(double[] x, double[] fallback, int slots) {
    double m = 0;
    for (int s = 0; s < slots; s++) {
      m += (Double.isNaN(x[s]) ? fallback[s] : x[s]) / slots;
    }
    return m;
  }
}
