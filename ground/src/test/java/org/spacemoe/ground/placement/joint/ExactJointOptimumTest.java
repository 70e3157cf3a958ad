package org.spacemoe.ground.placement.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.reproduce.ReproduceExperiment;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.input.InvalidInputException;

/** joint against the brute-force optimum of its objective, and the lower bound below both. */
class ExactJointOptimumTest {
  /** reproduce's exact-check instance (6 x 9 Walker star, 3 layers x 3 experts, top-2), 12 slots. */
  private static Scenario small() {
    Scenario base = TestScenarios.of("walker-star:planes=33,sats=32", "llama-moe-3.5b-2of8", "zipf:1.0", 12, 0.95,
        0.12, 1);
    return ReproduceExperiment.exactCheckScenario(base);
  }

  @Test
  void jointIsWithinAFewPercentOfTheExactOptimumAndTheBoundIsBelowIt() {
    Scenario sc = small();
    ExactJointOptimum.Gap gap = ExactJointOptimum.check(sc);
    assertTrue(gap.optimumS() <= gap.jointS() + 1e-12, gap.toString());
    assertTrue(gap.jointS() < gap.startS(), gap.toString());
    assertEquals(100 * (gap.jointS() - gap.optimumS()) / gap.optimumS(), gap.gapPercent(), 1e-9);
    // subnets of 18 let joint try every gateway: then only the expert local search could leave a gap (none seen)
    assertTrue(gap.gapPercent() < 1, gap.toString());
    double bound = JointLowerBound.compute(new PlanningContext(sc));
    assertTrue(bound <= gap.optimumS() + 1e-12, "bound " + bound + " above the optimum " + gap.optimumS());
    assertTrue(bound > 3 * sc.gatewayComputeS() + sc.headComputeS() + 3 * sc.expertComputeS(), "above the compute");
  }

  @Test
  void prunedGatewaysCanMissTheOptimumButNeverBeatIt() {
    // the search as it runs on subnets larger than 24 (5 gateway candidates near the centre), on the small instance
    Scenario sc = small();
    ExactJointOptimum.Gap gap = ExactJointOptimum.check(sc);
    JointResult pruned = new JointPlacement(true, 5, 0).optimise(new PlanningContext(sc));
    assertTrue(pruned.objectiveS() >= gap.optimumS() - 1e-12, pruned + " vs " + gap);
    assertTrue(pruned.objectiveS() < pruned.startObjectiveS());
    System.out.printf("exact check, 5 gateway candidates: joint %.6f s, optimum %.6f s, gap %.2f%%%n",
        pruned.objectiveS(), gap.optimumS(), 100 * (pruned.objectiveS() - gap.optimumS()) / gap.optimumS());
  }

  @Test
  void refusesAnInstanceTooLargeToEnumerate() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ExactJointOptimum.check(TestScenarios.small()));
    assertTrue(e.getMessage().contains("evaluations to enumerate"), e.getMessage());
  }
}
