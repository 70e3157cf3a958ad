package org.spacemoe.ground.replan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Strategies;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.stats.ActivationStatistics;

/** A workload shift A -> B: migrate when the gain over the horizon beats the migration, keep otherwise. */
class ReplannerTest {
  /** Statistics A: zipf:1.0 over 4 experts, expert 0 the most active in every layer. */
  final Scenario a = TestScenarios.small();
  final Placement current = Strategies.byName("spacemoe").place(new PlanningContext(a)).placement();
  final EvaluationSettings settings = new EvaluationSettings(20, 100, 9);

  static ActivationStatistics stats(String name, double[] layer0, double[] others) {
    double[][] c = new double[8][];
    c[0] = layer0;
    for (int l = 1; l < 8; l++) {
      c[l] = others;
    }
    return new ActivationStatistics(name, c);
  }

  @Test
  void aReversedWorkloadMakesItMigrateAndLowersLatencyUnderTheNewStatistics() {
    // B: popularity reversed in every layer, expert 3 now the most active
    double[] reversed = {0.25, 1.0 / 3, 0.5, 1};
    ActivationStatistics b = stats("B", reversed, reversed);
    Replanner.Outcome o = Replanner.replan(a, current, b, 3600, MigrationLink.UPLINK, 100e6, settings, r -> {});
    assertTrue(o.decision().migrate(), o.decision().reason());
    assertTrue(o.proposedReport().meanTokenLatencyS() < o.currentReport().meanTokenLatencyS());
    // every layer's experts 0 and 3 swap hosts at least: moves cost bytes / uplink rate each, one after another
    assertTrue(o.migration().moves().size() >= 16, "moves " + o.migration().moves().size());
    long expertBytes = a.model().expertWeightBytes();
    assertEquals(o.migration().moves().size() * expertBytes * 8 / 100e6, o.migration().unavailableS(), 1e-9);
    assertTrue(o.decision().gainS() > o.decision().costS());
    assertEquals(o.proposed(), o.chosen());
  }

  @Test
  void aShiftWhoseGainIsSmallerThanTheMigrationCostKeepsThePlan() {
    // B': layer 0's two least active experts swap popularity; everything else as in A
    double[] zipf = {1, 0.5, 1.0 / 3, 0.25};
    ActivationStatistics b = stats("B'", new double[] {1, 0.5, 0.25, 1.0 / 3}, zipf);
    Replanner.Outcome o = Replanner.replan(a.withStats(stats("A", zipf, zipf)), current, b, 600,
        MigrationLink.UPLINK, 100e6, settings, r -> {});
    assertEquals(2, o.migration().moves().size(), "the two experts swap hosts");
    assertFalse(o.decision().migrate(), o.decision().reason());
    assertTrue(o.decision().gainS() < o.decision().costS(), o.decision().toString());
    assertTrue(o.decision().reason().startsWith("keeps the current plan"), o.decision().reason());
    assertEquals(o.current(), o.chosen());
  }

  @Test
  void theSameStatisticsMoveNothing() {
    Replanner.Outcome o = Replanner.replan(a, current, a.stats(), 3600, MigrationLink.ISL, 100e6, settings, r -> {});
    assertTrue(o.migration().moves().isEmpty());
    assertFalse(o.decision().migrate());
    assertTrue(o.decision().reason().contains("nothing to move"), o.decision().reason());
  }

  @Test
  void aPlanWithStandbyGatewaysKeepsThemAndSwappingGatewayAndStandbyMovesNoGatewayShard() {
    PlanningContext ctx = new PlanningContext(a);
    Placement withStandbys = org.spacemoe.ground.placement.GatewayStandbys.assign(ctx, current);
    double[] reversed = {0.25, 1.0 / 3, 0.5, 1};
    Replanner.Outcome o = Replanner.replan(a, withStandbys, stats("B", reversed, reversed), 3600,
        MigrationLink.UPLINK, 100e6, settings, r -> {});
    assertTrue(o.proposed().hasStandbys());
    for (ShardMove m : o.migration().moves()) {
      if (m.expert() < 0) {
        int l = m.layer();
        String to = m.to();
        var sats = a.constellation().satellites();
        assertFalse(to.equals(sats.get(withStandbys.gateways()[l]).name())
            || to.equals(sats.get(withStandbys.standbys()[l]).name()), "already holds it: " + m);
      }
    }
    // the standby becomes the gateway and the gateway the standby: both hold the gateway shards already
    Placement swapped = new Placement("swap", withStandbys.subnets(), withStandbys.standbys(),
        withStandbys.expertHosts()).withStandbys(withStandbys.gateways());
    assertEquals(0, MigrationPlan.between(withStandbys, swapped, a, MigrationLink.UPLINK, 100e6).moves().size());
    // the same swap without standbys moves every layer's gateway shards
    assertEquals(8, MigrationPlan.between(current, swapped.withoutStandbys(), a, MigrationLink.UPLINK, 100e6)
        .moves().size());
  }
}
