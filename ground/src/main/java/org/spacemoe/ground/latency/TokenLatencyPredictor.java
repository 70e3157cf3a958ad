package org.spacemoe.ground.latency;

import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.routing.NetworkRealisations;
import org.spacemoe.shared.routing.PathLatencies;

/**
 * The evaluator's formula for one token whose expert selections are known, in one slot without link
 * failures: {@code sum_l [G + max_{e in K_l} (2 P(g_l, h_e) + X) + P(g_l, g_{l+1})] + H} (a layer combined at the
 * next gateway: {@code G + max(max_e (P(g_l, h_e) + X + P(h_e, g_{l+1})), P(g_l, g_{l+1}))}). Benches compare a
 * measured token with this, so sampling noise (slot, failures, top-k draws) drops out of the comparison.
 */
public final class TokenLatencyPredictor {
  private final Scenario scenario;
  private final Placement placement;
  private final double[][] expertLatencyS;
  private final double[][] toExpertS;
  private final double[] nextLatencyS;

  /** Precomputes the placement's paths in {@code slot} of the failure-free network. */
  public TokenLatencyPredictor(Scenario scenario, Placement placement, int slot) {
    this.scenario = scenario;
    this.placement = placement;
    NetworkRealisations.Realisation real = scenario.withLinkSurvival(1.0).network().realisation(slot, 0);
    int layers = placement.layers();
    expertLatencyS = new double[layers][];
    toExpertS = new double[layers][];
    nextLatencyS = new double[layers];
    for (int l = 0; l < layers; l++) {
      int[][] hosts = placement.expertHosts()[l];
      int[] targets = new int[hosts.length + 1];
      for (int e = 0; e < hosts.length; e++) {
        targets[e] = hosts[e][0];
      }
      targets[hosts.length] = placement.gateways()[(l + 1) % layers];
      PathLatencies p = real.to(placement.gateways()[l], targets);
      nextLatencyS[l] = p.latencyS()[hosts.length];
      toExpertS[l] = java.util.Arrays.copyOf(p.latencyS(), hosts.length);
      expertLatencyS[l] = new double[hosts.length];
      PathLatencies onward = placement.combineAtNext()[l] ? real.to(targets[hosts.length], targets) : null;
      for (int e = 0; e < hosts.length; e++) {
        // the expert's arm without X: a round trip, or on to the next gateway when combined there
        expertLatencyS[l][e] = onward == null ? 2 * p.latencyS()[e] : p.latencyS()[e] + onward.latencyS()[e];
      }
    }
  }

  /** Predicted latency of one token, s; {@code selected[l]}: the experts layer l used. */
  public double tokenLatencyS(int[][] selected) {
    double t = scenario.headComputeS();
    for (int l = 0; l < placement.layers(); l++) {
      double slowest = 0;
      for (int e : selected[l]) {
        slowest = Math.max(slowest, expertLatencyS[l][e]);
      }
      double afterGateway = placement.combineAtNext()[l]
          ? Math.max(slowest + scenario.expertComputeS(), nextLatencyS[l])
          : slowest + scenario.expertComputeS() + nextLatencyS[l];
      t += scenario.gatewayComputeS() + afterGateway;
    }
    return t;
  }

  /** One-way path latency from layer {@code l}'s gateway to expert {@code e}'s first host, s. */
  public double gatewayToExpertS(int l, int e) {
    return toExpertS[l][e];
  }

  /** Path latency from layer {@code l}'s gateway to the next layer's gateway, s. */
  public double gatewayToNextGatewayS(int l) {
    return nextLatencyS[l];
  }

  /** The compute part of any token, s. */
  public double computeS() {
    return placement.layers() * (scenario.gatewayComputeS() + scenario.expertComputeS()) + scenario.headComputeS();
  }
}
