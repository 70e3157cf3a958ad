package org.spacemoe.ground.latency;

import java.util.BitSet;
import java.util.HashMap;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.routing.NetworkRealisations;
import org.spacemoe.shared.routing.PathLatencies;

/**
 * The evaluator's formula ({@link LayerCriticalPath}) for one token whose expert selections are known, in one slot
 * without link or computer failures: the same copy choice, queueing of co-selected experts on one computer, per
 * satellite devices and frame-hop overhead as {@link TokenLatencyEvaluator}. Benches compare a measured token with
 * this, so sampling noise (slot, failures, top-k draws) drops out of the comparison. Times in s.
 */
public final class TokenLatencyPredictor {
  private final Scenario scenario;
  private final RealisedPlacement realised;
  private final double transmissionS;
  private final double[][] toExpertS;

  /** Precomputes the placement's paths in {@code slot} of the failure-free network. */
  public TokenLatencyPredictor(Scenario scenario, Placement placement, int slot) {
    this.scenario = scenario;
    NetworkRealisations network = scenario.withLinkSurvival(1.0).network();
    NetworkRealisations.Realisation real = network.realisation(slot, 0);
    realised = RealisedPlacement.of(scenario, placement, real, network.waitForNextSlotS(), new HashMap<>(),
        new BitSet());
    transmissionS = network.hop().transmissionS();
    int layers = placement.layers();
    toExpertS = new double[layers][];
    for (int l = 0; l < layers; l++) {
      int[][] hosts = placement.expertHosts()[l];
      int[] targets = new int[hosts.length];
      for (int e = 0; e < hosts.length; e++) {
        targets[e] = realised.expertHost[l][e];
      }
      PathLatencies p = real.to(realised.running[l], targets);
      toExpertS[l] = p.latencyS().clone();
    }
  }

  /** Predicted latency of one token, s; {@code selected[l]}: the experts layer l used. */
  public double tokenLatencyS(int[][] selected) {
    double t = 0;
    for (LayerTime l : tokenLayers(selected)) {
      t += l.totalS();
    }
    return t;
  }

  /** Predicted time of one token in each layer, s. */
  public LayerTime[] tokenLayers(int[][] selected) {
    LayerTime[] out = TokenLatencyEvaluator.tokenLayers(scenario, realised, selected, transmissionS);
    if (out == null) {
      throw new IllegalStateException("no path for a selected expert even without failures: the plan does not fit"
          + " this slot's network");
    }
    return out;
  }

  /** One-way path latency from layer {@code l}'s gateway to expert {@code e}'s chosen copy, s. */
  public double gatewayToExpertS(int l, int e) {
    return toExpertS[l][e];
  }

  /** Path latency from layer {@code l}'s gateway to the next layer's gateway, s. */
  public double gatewayToNextGatewayS(int l) {
    return realised.nextS[l];
  }
}
