package org.spacemoe.ground.placement.joint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.layout.GatewaySplit;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.plan.PlanJson;

/**
 * joint's tensor-parallel choice. The small scenario's model (d = 256, c = 512) has 1.05 MFLOP of attention: 0.15 ms
 * on sbc-2a72, less than one ISL hop of its 12 x 16 constellation (several ms), so a split never pays; at 10 MFLOP/s
 * the attention takes 105 ms and a split over neighbours a few ms away pays.
 */
class JointSplitTest {
  private static final DeviceProfile SLOW = DeviceProfile.parse("custom:gflops=0.01,memory-gib=8");

  @Test
  void neverSplitsWhenTheHopsCostMoreThanTheComputeSaved() {
    Scenario sc = TestScenarios.small();
    assertTrue(sc.attentionComputeS(0) < 0.5e-3, "the premise: attention under half a millisecond");
    JointResult plain = JointPlacement.joint().withMaxSplitWidth(1).optimise(new PlanningContext(sc));
    JointResult split = JointPlacement.joint().withMaxSplitWidth(4).optimise(new PlanningContext(sc));
    Placement p = split.result().placement();
    assertFalse(p.split().any(), "no layer split: " + java.util.Arrays.toString(p.split().attentionWidths()));
    assertEquals(plain.objectiveS(), split.objectiveS());
    assertArrayEquals(plain.result().placement().gateways(), p.gateways());
  }

  @Test
  void splitsWhenTheComputeSavedExceedsTheHopsAndTheEvaluatorAgrees() {
    Scenario sc = TestScenarios.small().withDevice(SLOW);
    JointResult plain = JointPlacement.joint().withMaxSplitWidth(1).optimise(new PlanningContext(sc));
    JointResult split = JointPlacement.joint().withMaxSplitWidth(4).optimise(new PlanningContext(sc));
    GatewaySplit s = split.result().placement().split();
    assertTrue(IntStream.of(s.attentionWidths()).allMatch(k -> k >= 2), java.util.Arrays.toString(s.attentionWidths()));
    assertTrue(s.headWidth() >= 2);
 // round trips to neighbours are under 20 ms, so a split saves more than a quarter of the 105 ms attention per layer
    assertTrue(split.objectiveS() < plain.objectiveS() - sc.model().layers() * sc.attentionComputeS(0) / 4,
        "objective with splits " + split.objectiveS() + " vs without " + plain.objectiveS());
    TokenLatencyEvaluator ev = new TokenLatencyEvaluator(sc);
    EvaluationSettings planners = new EvaluationSettings(sc.slots(), 200, 11);
    LatencyReport r = ev.evaluate(split.result().placement(), planners);
    assertTrue(Math.abs(split.objectiveS() - r.meanTokenLatencyS()) <= 4 * r.stdErrorS() + 1e-9,
        "objective " + split.objectiveS() + " vs evaluator " + r.meanTokenLatencyS() + " +- " + r.stdErrorS());
  }

  @Test
  void jointSplitsByDefaultUpToTheWidestAndWidthOneNever() {
    Scenario sc = TestScenarios.small().withDevice(SLOW);
    assertEquals(GatewaySplit.MAX_WIDTH, JointPlacement.joint().maxSplitWidth());
    JointResult byDefault = JointPlacement.joint().optimise(new PlanningContext(sc));
    JointResult widest = JointPlacement.joint().withMaxSplitWidth(GatewaySplit.MAX_WIDTH).optimise(new PlanningContext(sc));
    assertEquals(widest.objectiveS(), byDefault.objectiveS());
    assertTrue(byDefault.result().placement().split().any());
    JointResult one = JointPlacement.joint().withMaxSplitWidth(1).optimise(new PlanningContext(sc));
    assertFalse(one.result().placement().split().any());
    assertFalse(new String(PlanJson.toBytes(one.result().placement().toPlan(sc, 1)),
        java.nio.charset.StandardCharsets.UTF_8).contains("Parts"), "an unsplit plan writes no parts");
  }

  @Test
  void aSplitPlacementIsWrittenAsAPlanAndReadBackWithItsParts() {
    Scenario sc = TestScenarios.small().withDevice(SLOW);
    Placement p = JointPlacement.joint().withMaxSplitWidth(2).optimise(new PlanningContext(sc)).result().placement();
    assertTrue(p.split().any());
    org.spacemoe.shared.plan.PlacementPlan plan = p.toPlan(sc, 1);
    int split = 0;
    for (int l = 0; l < p.layers(); l++) {
      assertEquals(p.split().attentionWidth(l), plan.layers().get(l).attentionWidth());
      split += p.split().attentionWidth(l) > 1 ? 1 : 0;
    }
    assertTrue(split > 0);
    assertEquals(p.split().headWidth(), plan.layers().get(p.layers() - 1).headWidth());
    Placement back = Placement.fromPlan(PlanJson.parse("split.json", PlanJson.toBytes(plan)), sc.constellation(),
        "split.json");
    assertArrayEquals(p.split().attentionWidths(), back.split().attentionWidths());
    assertArrayEquals(p.split().headParts(), back.split().headParts());
    for (int l = 0; l < p.layers(); l++) {
      assertArrayEquals(p.split().attentionParts()[l], back.split().attentionParts()[l]);
    }
  }

  @Test
  void widthOutsideOneToFourIsRefused() {
    assertThrows(InvalidInputException.class, () -> JointPlacement.joint().withMaxSplitWidth(0));
    assertThrows(InvalidInputException.class, () -> JointPlacement.joint().withMaxSplitWidth(5));
  }
}
