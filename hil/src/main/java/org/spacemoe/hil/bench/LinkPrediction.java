package org.spacemoe.hil.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.ground.placement.Placement;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.routing.NetworkRealisations;
import org.spacemoe.shared.routing.PathLatencies;

/**
 * The modelled ISL latency of every hop a token's frames make, attributed to the satellite that receives the
 * frame: per layer {@code l} and selected expert {@code e}, gateway to expert host and back
 * ({@code P(g_l, h_e)} each way), and gateway {@code l} to gateway {@code l+1} ({@code P(g_l, g_l+1)}). Same
 * paths, slot and failure-free network as {@link org.spacemoe.ground.latency.TokenLatencyPredictor}.
 */
final class LinkPrediction {
  private final PlacementPlan plan;
  private final double[][] expertLatencyS;
  private final double[] nextLatencyS;

  LinkPrediction(Scenario scenario, Placement placement, PlacementPlan plan, int slot) {
    this.plan = plan;
    NetworkRealisations.Realisation real = scenario.withLinkSurvival(1.0).network().realisation(slot, 0);
    int layers = placement.layers();
    expertLatencyS = new double[layers][];
    nextLatencyS = new double[layers];
    for (int l = 0; l < layers; l++) {
      int[][] hosts = placement.expertHosts()[l];
      int[] targets = new int[hosts.length + 1];
      for (int e = 0; e < hosts.length; e++) {
        targets[e] = hosts[e][0];
      }
      targets[hosts.length] = placement.gateways()[(l + 1) % layers];
      PathLatencies p = real.to(placement.gateways()[l], targets);
      expertLatencyS[l] = java.util.Arrays.copyOf(p.latencyS(), hosts.length);
      nextLatencyS[l] = p.latencyS()[hosts.length];
    }
  }

  /**
   * Per receiving satellite: {hops, modelled link seconds} over the given steps' expert selections, plus the
   * sequence's start frame from the ground to layer 1's gateway (a hop with no ISL: 0 s).
   */
  Map<String, double[]> perSatellite(List<int[][]> selectionsPerStep) {
    Map<String, double[]> m = new HashMap<>();
    int layers = plan.layers().size();
    add(m, plan.layers().get(0).gateway(), 0);
    for (int[][] sel : selectionsPerStep) {
      for (int l = 0; l < layers; l++) {
        String g = plan.layers().get(l).gateway();
        for (int e : sel[l]) {
          String h = plan.layers().get(l).experts().get(e).get(0);
          add(m, h, expertLatencyS[l][e]);
          add(m, g, expertLatencyS[l][e]);
        }
        add(m, plan.layers().get((l + 1) % layers).gateway(), nextLatencyS[l]);
      }
    }
    return m;
  }

  private static void add(Map<String, double[]> m, String sat, double s) {
    double[] a = m.computeIfAbsent(sat, k -> new double[2]);
    a[0]++;
    a[1] += s;
  }
}
