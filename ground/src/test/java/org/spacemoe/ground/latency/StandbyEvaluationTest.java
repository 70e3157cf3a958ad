package org.spacemoe.ground.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.failures.ExpectedAvailability;
import org.spacemoe.ground.failures.SatelliteFailures;
import org.spacemoe.ground.placement.GatewayStandbys;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Strategies;
import org.spacemoe.ground.scenario.Scenario;

/** Standby gateways lift availability under satellite failures and cost nothing without them (they are idle). */
class StandbyEvaluationTest {
  final Scenario sc = TestScenarios.small();
  final PlanningContext ctx = new PlanningContext(sc);
  final Placement without = Strategies.byName("spacemoe").place(ctx).placement();
  final Placement with = GatewayStandbys.assign(ctx, without).named("spacemoe+standby");

  @Test
  void withoutFailuresTheLatencyIsIdenticalWithAndWithoutStandbys() {
    List<LatencyReport> r = new TokenLatencyEvaluator(sc).evaluateAll(List.of(without, with),
        new EvaluationSettings(200, 2, 1), x -> {});
    assertEquals(r.get(0).meanTokenLatencyS(), r.get(1).meanTokenLatencyS(), 0.0);
    assertEquals(r.get(0).p99TokenLatencyS(), r.get(1).p99TokenLatencyS(), 0.0);
    assertEquals(r.get(0).layers(), r.get(1).layers());
    assertEquals(1.0, r.get(1).availability());
  }

  @Test
  void atTheSameFailureProbabilityStandbysGiveHigherAvailability() {
    double q = 0.02;
    List<LatencyReport> r = new TokenLatencyEvaluator(sc).withFailures(new SatelliteFailures(q, new int[0], 5))
        .evaluateAll(List.of(without, with), new EvaluationSettings(2000, 4, 1), x -> {});
    double a0 = r.get(0).availability();
    double a1 = r.get(1).availability();
    assertTrue(a1 > a0, "with standbys " + a1 + ", without " + a0);
    // the computed figures agree: standbys remove the (1-q)^8 gateway factor but for q^2 per layer
    double e0 = ExpectedAvailability.of(without, sc.stats(), 2, q);
    double e1 = ExpectedAvailability.of(with, sc.stats(), 2, q);
    assertEquals(Math.pow(1 - q, 8 + 16), e0, 1e-12);
    assertTrue(e1 > e0, "expected with " + e1 + ", without " + e0);
    assertEquals(e1, a1, 0.03);
    // the gain is about the gateway failures: 8 q of the tokens
    assertEquals(e0 / Math.pow(1 - q, 8), e1, 0.01);
  }

  @Test
  void aNamedFailedGatewayIsTakenOverByItsStandby() {
    SatelliteFailures gw0Down = new SatelliteFailures(0, new int[] {without.gateways()[0]}, 1);
    List<LatencyReport> r = new TokenLatencyEvaluator(sc).withFailures(gw0Down).evaluateAll(List.of(without, with),
        new EvaluationSettings(200, 2, 1), x -> {});
    assertEquals(0, r.get(0).tokens());
    assertEquals(1.0, r.get(1).availability());
    assertTrue(Double.isFinite(r.get(1).meanTokenLatencyS()));
  }
}
