package org.spacemoe.ground.placement.joint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.plan.PlanJson;

/** joint on the small scenario (12 x 16 Walker star, 8 layers x 4 experts, top-2, zipf:1.0, 20 slots). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JointPlacementTest {
  private Scenario sc;
  private JointResult joint;
  private JointResult jointOwn;

  @BeforeAll
  void plan() {
    sc = TestScenarios.small();
    joint = JointPlacement.joint().optimise(new PlanningContext(sc));
    jointOwn = JointPlacement.jointOwn().optimise(new PlanningContext(sc));
  }

  @Test
  void improvesOnTheSpacemoeStartAndReportsBoth() {
    assertTrue(joint.objectiveS() < joint.startObjectiveS(), joint.toString());
    assertTrue(joint.improvementPercent() > 0);
    // combining at the next gateway is a superset of the own-only design space, searched the same way
    assertTrue(joint.objectiveS() <= jointOwn.objectiveS() + 1e-12, joint + " vs " + jointOwn);
    assertTrue(jointOwn.objectiveS() <= jointOwn.startObjectiveS());
    assertEquals(0, jointOwn.layersCombinedAtNext());
    assertFalse(jointOwn.result().placement().combinesAnywhereAtNext());
  }

  @Test
  void isDeterministicForASeed() {
    JointResult again = JointPlacement.joint().optimise(new PlanningContext(sc));
    assertArrayEquals(PlanJson.toBytes(joint.result().placement().toPlan(sc, 1)),
        PlanJson.toBytes(again.result().placement().toPlan(sc, 1)));
    assertEquals(joint.objectiveS(), again.objectiveS());
  }

  @Test
  void placementIsValid() {
    Placement p = joint.result().placement();
    assertEquals("joint", p.strategy());
    assertFalse(p.combineAtNext()[p.layers() - 1], "the last layer runs the LM head at its own gateway");
    Set<Integer> used = new HashSet<>();
    for (int l = 0; l < p.layers(); l++) {
      Set<Integer> subnet = new HashSet<>();
      Arrays.stream(p.subnets()[l]).forEach(subnet::add);
      assertTrue(subnet.contains(p.gateways()[l]), "gateway inside its subnet");
      assertTrue(used.add(p.gateways()[l]));
      for (int[] hosts : p.expertHosts()[l]) {
        assertEquals(1, hosts.length);
        assertTrue(subnet.contains(hosts[0]), "expert inside its subnet");
        assertTrue(used.add(hosts[0]), "one role per satellite");
      }
    }
  }

  /**
   * The objective is the evaluator's expectation: on the planner's realisations (one per slot, failure draw 0) the
   * evaluator's Monte Carlo mean over sampled top-k draws must agree with it within sampling error.
   */
  @Test
  void objectiveAgreesWithTheEvaluator() {
    TokenLatencyEvaluator ev = new TokenLatencyEvaluator(sc);
    EvaluationSettings s = new EvaluationSettings(sc.slots(), 400, 11);
    LatencyReport after = ev.evaluate(joint.result().placement(), s);
    LatencyReport before = ev.evaluate(new org.spacemoe.ground.placement.RingLinearPlacement[] {
        org.spacemoe.ground.placement.RingLinearPlacement.spaceMoe()}[0].place(new PlanningContext(sc)).placement(), s);
    assertClose(joint.objectiveS(), after);
    assertClose(joint.startObjectiveS(), before);
    assertTrue(after.meanTokenLatencyS() < before.meanTokenLatencyS());
  }

  private static void assertClose(double objective, LatencyReport r) {
    double diff = Math.abs(objective - r.meanTokenLatencyS());
    assertTrue(diff <= 4 * r.stdErrorS(), "objective " + objective + " vs evaluator " + r.meanTokenLatencyS()
        + " +- " + r.stdErrorS());
  }
}
