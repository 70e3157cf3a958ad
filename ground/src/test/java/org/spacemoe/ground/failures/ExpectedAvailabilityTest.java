package org.spacemoe.ground.failures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Strategies;
import org.spacemoe.ground.placement.replicas.ReplicaPlanner;
import org.spacemoe.ground.scenario.Scenario;

/** The computed availability: exact in a closed case, equal to the sampled one, and the 99.9% criterion. */
class ExpectedAvailabilityTest {
  final Scenario sc = TestScenarios.small(); // 8 layers x 4 experts, top-2
  final PlanningContext ctx = new PlanningContext(sc);
  final Placement base = Strategies.byName("spacemoe").place(ctx).placement();
  final Placement replicas = ReplicaPlanner.add(ctx, base, 0.25, 0.01, "spacemoe+replicas").placement();

  @Test
  void oneCopyPerExpertOnItsOwnSatelliteGivesTheClosedForm() {
    // every token needs 8 gateways and 2 distinct expert satellites per layer
    for (double q : new double[] {1e-5, 1e-3, 0.01, 0.2}) {
      assertEquals(Math.pow(1 - q, 8 + 16), ExpectedAvailability.of(base, sc.stats(), 2, q), 1e-12);
    }
  }

  @Test
  void itAgreesWithTheEvaluatorsSampledAvailability() {
    double q = 0.02;
    List<LatencyReport> r = new TokenLatencyEvaluator(sc).withFailures(new SatelliteFailures(q, new int[0], 5))
        .evaluateAll(List.of(base, replicas), new EvaluationSettings(2000, 4, 1), x -> {});
    // 2,000 realisations of clustered failures: standard error ~0.01
    assertEquals(ExpectedAvailability.of(base, sc.stats(), 2, q), r.get(0).availability(), 0.03);
    assertEquals(ExpectedAvailability.of(replicas, sc.stats(), 2, q), r.get(1).availability(), 0.03);
  }

  @Test
  void replicasLiftAvailabilityAbove999WhereSpacemoeFallsBelow() {
    // 5e-5 failures per satellite per slot: spacemoe loses ~24 q = 0.12% of tokens, with 25% more copies (the
    // most selected expert of each layer doubled) ~17.7 q = 0.089%
    double q = 5e-5;
    double without = ExpectedAvailability.of(base, sc.stats(), 2, q);
    double with = ExpectedAvailability.of(replicas, sc.stats(), 2, q);
    assertTrue(without < 0.999, "without " + without);
    assertTrue(with >= 0.999, "with " + with);
  }
}
