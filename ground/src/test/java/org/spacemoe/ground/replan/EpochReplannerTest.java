package org.spacemoe.ground.replan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.DriftingShellTle;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Strategies;
import org.spacemoe.ground.scenario.Scenario;

/**
 * Re-planning for a later epoch of the orbit. The Keplerian Walker star repeats every orbit, so a later epoch gives
 * (almost) the same latency and nothing worth moving; a TLE shell whose planes fly at different altitudes drifts
 * (neighbouring planes slide along-track against the +Grid pairing fixed at epoch), the current plan degrades and
 * re-planning at the later epoch pays.
 */
class EpochReplannerTest {
  static final double DAY_S = 86_400;
  final EvaluationSettings settings = new EvaluationSettings(20, 100, 9);

  @TempDir Path dir;

  static Placement spacemoe(Scenario sc) {
    return Strategies.byName("spacemoe").place(new PlanningContext(sc)).placement();
  }

  double meanAt(Scenario sc, Placement p) {
    List<LatencyReport> r = new TokenLatencyEvaluator(sc).evaluateAll(List.of(p), settings, i -> {});
    return r.get(0).meanTokenLatencyS();
  }

  @Test
  void walkerOneOrbitLaterIsTheSamePlanAndMovesNothing() {
    Scenario a = TestScenarios.small();
    Placement current = spacemoe(a);
    double period = a.constellation().orbitPeriodS();
    Replanner.Outcome o = Replanner.replan(current, a.withEpochS(period), 3600, MigrationLink.UPLINK, 100e6, settings,
        r -> {});
    assertTrue(o.migration().moves().isEmpty(), o.migration().moves().toString());
    assertFalse(o.decision().migrate());
    assertEquals(meanAt(a, current), o.currentReport().meanTokenLatencyS(), 1e-9 * meanAt(a, current));
  }

  @Test
  void walkerADayLaterKeepsAlmostTheSameLatencyAndTheShortHorizonKeepsThePlan() {
    Scenario a = TestScenarios.small();
    Placement current = spacemoe(a);
    double atEpoch = meanAt(a, current);
    // one day is 15.05 orbits of 5,739 s: the slots sample the same periodic geometry at another phase
    Replanner.Outcome o = Replanner.replan(current, a.withEpochS(DAY_S), 600, MigrationLink.UPLINK, 100e6, settings,
        r -> {});
    double later = o.currentReport().meanTokenLatencyS();
    assertEquals(atEpoch, later, 0.005 * atEpoch, "periodic geometry: " + atEpoch + " s vs " + later + " s");
    double relativeGain = 1 - o.proposedReport().meanTokenLatencyS() / later;
    assertTrue(Math.abs(relativeGain) < 0.005, "relative gain " + relativeGain);
    assertFalse(o.decision().migrate(), o.decision().reason());
    assertTrue(o.decision().reason().startsWith("keeps the current plan"), o.decision().reason());
    assertEquals(o.current(), o.chosen());
  }

  @Test
  void aDriftingTleShellDegradesTheCurrentPlanAndReplanningAtTheLaterEpochMigrates() throws IOException {
    Scenario a = drifting(20);
    Placement current = spacemoe(a);
    double atEpoch = meanAt(a, current);
    Replanner.Outcome o = Replanner.replan(current, a.withEpochS(DAY_S), 3600, MigrationLink.UPLINK, 100e6, settings,
        r -> {});
    double cur = o.currentReport().meanTokenLatencyS();
    double next = o.proposedReport().meanTokenLatencyS();
    assertTrue(cur > 1.1 * atEpoch, "the drift degrades the current plan: " + atEpoch + " s -> " + cur + " s");
    assertTrue(next < 0.97 * cur, "the new plan is faster at the later epoch: " + next + " s vs " + cur + " s");
    assertTrue(o.decision().migrate(), o.decision().reason());
    assertTrue(o.decision().gainS() > o.decision().costS());
    assertEquals(o.proposed(), o.chosen());
    // the same shift with a horizon too short for the gain to beat the moves keeps the plan
    Replanner.Outcome brief = Replanner.replan(current, a.withEpochS(DAY_S), 5, MigrationLink.UPLINK, 100e6,
        settings, r -> {});
    assertFalse(brief.decision().migrate(), brief.decision().reason());
    assertTrue(brief.decision().gainS() < brief.decision().costS(), brief.decision().toString());
  }

  @Test
  void theRigidTleShellKeepsItsLatencyADayLater() throws IOException {
    Scenario a = drifting(0);
    Placement current = spacemoe(a);
    double atEpoch = meanAt(a, current);
    double later = meanAt(a.withEpochS(DAY_S), current);
    assertEquals(atEpoch, later, 0.01 * atEpoch, "no altitude step, no drift: " + atEpoch + " s vs " + later + " s");
  }

  Scenario drifting(double stepKm) throws IOException {
    Path f = DriftingShellTle.write(dir.resolve("shell-" + (int) stepKm + "km.tle"), 12, 16, 550, stepKm, 87);
    return TestScenarios.of("tle:" + f + ",planes=12", TestScenarios.SMALL_MODEL, "zipf:1.0", 20, 0.95, 0.12, 1);
  }
}
