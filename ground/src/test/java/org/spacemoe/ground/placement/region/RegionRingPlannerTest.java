package org.spacemoe.ground.placement.region;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlacementResult;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.RingLinearPlacement;
import org.spacemoe.ground.scenario.Scenario;

class RegionRingPlannerTest {
  private static final String PAPER_MODEL = "llama-moe-3.5b-2of8";

  /** {@code inBand}: the plan is known to settle inside a band (else the planner may grow to the whole). */
  @ParameterizedTest(name = "{0}, {1}, survival {2}, tracking {3}, seed {4}")
  @CsvSource(delimiter = ';', value = {
      "walker-star:planes=100,sats=64; " + TestScenarios.SMALL_MODEL + "; 0.95; 0.12; 1; true",
      "walker-star:planes=90,sats=48; " + TestScenarios.SMALL_MODEL + "; 0.80; 0.12; 7; true",
      "walker-delta:planes=90,sats=40; " + TestScenarios.SMALL_MODEL + "; 0.95; 0.12; 3; true",
      "walker-star:planes=100,sats=64; " + PAPER_MODEL + "; 0.95; 0.12; 1; true"})
  void regionPlanEqualsTheWholeConstellationPlan(String constellation, String model, double survival,
      double tracking, long seed, boolean inBand) {
    Scenario sc = TestScenarios.of(constellation, model, "zipf:1.0", 12, survival, tracking, seed);
    for (RingLinearPlacement strategy : List.of(RingLinearPlacement.spaceMoe(), RingLinearPlacement.optimalLinear())) {
      PlacementResult whole = strategy.place(new PlanningContext(sc));
      List<String> log = new ArrayList<>();
      RegionRingPlanner.RegionPlan region = new RegionRingPlanner(strategy).place(new PlanningContext(sc), log::add);
      if (inBand) {
        assertFalse(region.plannedWhole(), () -> "expected a region plan: " + log);
      }
      assertSamePlan(whole, region.result());
    }
  }

  @Test
  void aSmallConstellationIsPlannedWholeOrInRegionAlike() {
    Scenario sc = TestScenarios.small();
    PlacementResult whole = RingLinearPlacement.spaceMoe().place(new PlanningContext(sc));
    RegionRingPlanner.RegionPlan region =
        new RegionRingPlanner(RingLinearPlacement.spaceMoe()).place(new PlanningContext(sc), s -> {});
    assertSamePlan(whole, region.result());
  }

  @Test
  void aRegionPlanSettlesFarFewerSatellitesThanTheConstellation() {
    Scenario sc = TestScenarios.of("walker-star:planes=100,sats=64", TestScenarios.SMALL_MODEL, "zipf:1.0", 12, 0.95,
        0.12, 1);
    RegionRingPlanner.RegionPlan region =
        new RegionRingPlanner(RingLinearPlacement.spaceMoe()).place(new PlanningContext(sc), s -> {});
    assertFalse(region.plannedWhole());
    assertTrue(region.mostSettled() > 0 && region.mostSettled() < sc.constellation().size() / 4,
        "settled " + region.mostSettled() + " of " + sc.constellation().size());
  }

  static void assertSamePlan(PlacementResult expected, PlacementResult actual) {
    Placement e = expected.placement();
    Placement a = actual.placement();
    assertEquals(e.strategy(), a.strategy());
    assertArrayEquals(e.gateways(), a.gateways());
    assertTrue(java.util.Arrays.deepEquals(e.subnets(), a.subnets()), "subnets differ");
    assertTrue(java.util.Arrays.deepEquals(e.expertHosts(), a.expertHosts()), "expert hosts differ");
    assertEquals(expected.objectives(), actual.objectives());
  }
}
