package org.spacemoe.ground.placement.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.failures.SatelliteFailures;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Strategies;
import org.spacemoe.ground.placement.capacity.SatelliteMemory;
import org.spacemoe.ground.scenario.Scenario;

/** Replicas against satellite failures, measured by one evaluator run for both plans. */
class ReplicaAvailabilityTest {
  static final double Q = 0.01;
  final Scenario sc = TestScenarios.small(); // 8 layers x 4 experts, top-2, 20 slots
  final PlanningContext ctx = new PlanningContext(sc);
  final Placement base = Strategies.byName("spacemoe").place(ctx).placement();
  final ReplicaPlanner.Result replicas = ReplicaPlanner.add(ctx, base, 0.25, Q, "spacemoe+replicas");

  @Test
  void theBudgetIsSpentOnDistinctSatellitesWithinMemory() {
    assertEquals(8, replicas.budgetCopies()); // 25% of 8 x 4
    assertEquals(8, replicas.copies().size());
    Placement p = replicas.placement();
    for (int l = 0; l < p.layers(); l++) {
      for (int[] hosts : p.expertHosts()[l]) {
        assertEquals(hosts.length, java.util.Arrays.stream(hosts).distinct().count(), "copies on one satellite");
      }
    }
    assertTrue(SatelliteMemory.of(sc, p).overfull().isEmpty());
    // the most selected expert of each layer (zipf: expert 0) is where a copy cuts failure impact most
    for (int l = 0; l < p.layers(); l++) {
      assertEquals(2, p.expertHosts()[l][0].length, "layer " + l);
    }
  }

  @Test
  void replicasRaiseTokenAvailabilityInTheSameRun() {
    TokenLatencyEvaluator ev = new TokenLatencyEvaluator(sc).withFailures(new SatelliteFailures(Q, new int[0], 11));
    List<LatencyReport> r = ev.evaluateAll(List.of(base, replicas.placement()), new EvaluationSettings(400, 50, 3), x -> {});
    LatencyReport without = r.get(0);
    LatencyReport with = r.get(1);
    // without replicas a token needs its 8 gateways and 16 distinct expert hosts up: 0.99^24 = 0.786; the
    // samples of one realisation share its failures, so allow for 400 clustered draws
    assertEquals(Math.pow(1 - Q, 24), without.availability(), 0.04);
    // the same failures, the same draws: a copy can only save a token
    assertTrue(with.failedTokens() < without.failedTokens());
    assertTrue(with.availability() - without.availability() > 0.025,
        "with " + with.availability() + ", without " + without.availability());
    assertEquals(with.tokens() + with.failedTokens(), without.tokens() + without.failedTokens());
  }

  @Test
  void aNamedFailureOfAReplicatedExpertsHostLosesNoToken() {
    ReplicaPlanner.Copy copy = replicas.copies().get(0);
    int primary = base.expertHosts()[copy.layer()][copy.expert()][0];
    TokenLatencyEvaluator ev = new TokenLatencyEvaluator(sc)
        .withFailures(new SatelliteFailures(0, new int[] {primary}, 1));
    List<LatencyReport> r = ev.evaluateAll(List.of(base, replicas.placement()), new EvaluationSettings(20, 100, 3), x -> {});
    assertTrue(r.get(0).availability() < 0.9, "the expert is selected by most tokens: " + r.get(0).availability());
    assertEquals(1.0, r.get(1).availability());
    assertEquals(0, r.get(1).failedTokens());
  }

  @Test
  void withoutFailuresCopiesNeverSlowATokenDown() {
    ReplicaPlanner.Result latencyOnly = ReplicaPlanner.add(ctx, base, 0.5, 0, "spacemoe+replicas");
    List<LatencyReport> r = new TokenLatencyEvaluator(sc)
        .evaluateAll(List.of(base, latencyOnly.placement()), new EvaluationSettings(20, 50, 3), x -> {});
    assertTrue(r.get(1).meanTokenLatencyS() <= r.get(0).meanTokenLatencyS());
    assertEquals(1.0, r.get(1).availability());
  }
}
