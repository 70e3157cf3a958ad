package org.spacemoe.hil.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.ground.latency.TokenLatencyPredictor;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * The modelled ISL latency of every hop a token's frames make, attributed to the satellite that receives the
 * frame: per layer {@code l} and selected expert {@code e}, gateway to expert host and back
 * ({@code P(g_l, h_e)} each way), and gateway {@code l} to gateway {@code l+1} ({@code P(g_l, g_l+1)}). Paths
 * from {@link TokenLatencyPredictor} (same slot, failure-free network). Assumes every layer combines at its own
 * gateway (the boards bench flies own-combine plans).
 */
final class LinkPrediction {
  private final PlacementPlan plan;
  private final TokenLatencyPredictor paths;

  LinkPrediction(Scenario scenario, Placement placement, PlacementPlan plan, int slot) {
    this.plan = plan;
    this.paths = new TokenLatencyPredictor(scenario, placement, slot);
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
          add(m, h, paths.gatewayToExpertS(l, e));
          add(m, g, paths.gatewayToExpertS(l, e));
        }
        add(m, plan.layers().get((l + 1) % layers).gateway(), paths.gatewayToNextGatewayS(l));
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
