package org.spacemoe.ground.placement.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Strategies;
import org.spacemoe.ground.scenario.Fleet;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.model.DeviceProfile;

/** The evaluator's compute term: each satellite's own device, and co-selected experts queueing on one host. */
class QueueingAndFleetEvaluationTest {
  final Scenario sc = TestScenarios.small();
  final Placement spacemoe = Strategies.byName("spacemoe").place(new PlanningContext(sc)).placement();
  final EvaluationSettings settings = new EvaluationSettings(20, 25, 5);

  @Test
  void expertsSelectedTogetherOnOneSatelliteRunBackToBack() {
    // every expert of a layer on the host of its expert 0: both selected experts (top-2) always queue there
    int[][][] stacked = new int[spacemoe.layers()][][];
    for (int l = 0; l < stacked.length; l++) {
      int host = spacemoe.expertHosts()[l][0][0];
      stacked[l] = new int[spacemoe.expertHosts()[l].length][];
      Arrays.setAll(stacked[l], e -> new int[] {host});
    }
    Placement p = new Placement("stacked", spacemoe.subnets(), spacemoe.gateways(), stacked);
    TokenLatencyEvaluator ev = new TokenLatencyEvaluator(sc);
    LatencyReport one = ev.evaluate(spacemoe, settings);
    LatencyReport two = ev.evaluate(p, settings);
    int layers = sc.model().layers();
    double g = sc.gatewayComputeS();
    double x = sc.expertComputeS();
    assertEquals(layers * (g + x) + sc.headComputeS(), one.meanComputeS(), 1e-12);
    assertEquals(layers * (g + 2 * x) + sc.headComputeS(), two.meanComputeS(), 1e-12);
  }

  @Test
  void computeTimesComeFromEachSatellitesOwnDevice() {
    // gateways on an iX10, experts stay on the SBC-2A72
    DeviceProfile[] of = new DeviceProfile[sc.constellation().size()];
    Arrays.fill(of, DeviceProfile.SBC_2A72);
    for (int gw : spacemoe.gateways()) {
      of[gw] = DeviceProfile.IX10;
    }
    Scenario mixed = sc.withFleet(Fleet.mixed("test", of));
    LatencyReport r = new TokenLatencyEvaluator(mixed).evaluate(spacemoe, settings);
    double gIx = DeviceProfile.IX10.computeS(sc.model().gatewayFlops(sc.contextTokens()));
    double hIx = DeviceProfile.IX10.computeS(sc.model().headFlops());
    assertEquals(sc.model().layers() * (gIx + sc.expertComputeS()) + hIx, r.meanComputeS(), 1e-12);
    LatencyReport uniform = new TokenLatencyEvaluator(sc).evaluate(spacemoe, settings);
    // only compute changes: the paths are the same
    assertEquals(uniform.meanPropagationS(), r.meanPropagationS(), 1e-12);
    assertTrue(r.meanTokenLatencyS() < uniform.meanTokenLatencyS());
    assertEquals(1.0, r.availability());
    assertEquals(0, r.failedTokens());
  }
}
