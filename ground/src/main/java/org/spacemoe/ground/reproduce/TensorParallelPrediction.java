package org.spacemoe.ground.reproduce;

import java.util.List;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.layout.GatewaySplit;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlacementResult;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.joint.JointPlacement;
import org.spacemoe.ground.placement.joint.JointResult;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.routing.NetworkRealisations;

/**
 * {@code joint} with tensor-parallel gateways ({@link JointPlacement#withMaxSplitWidth}) against {@code spacemoe} on
 * the same realisations and top-k draws: a prediction of the evaluator's latency model, not a run (the onboard
 * runtime does not split gateways yet, so no plan is written). Times in s.
 *
 * @param predicted always true: the figures are the model's, nothing flew
 * @param note what the figures are, for readers of reproduce.json
 * @param strategy the name evaluated ({@value #STRATEGY})
 * @param maxWidth widest split allowed, lead included
 * @param jointWithSplits its evaluated figures
 * @param spacemoeMeanS spacemoe's mean on the same draws
 * @param overSpacemoe {@code jointWithSplits} mean over {@code spacemoeMeanS}
 * @param atMostNinetyPercentOfSpacemoe {@code overSpacemoe <= 0.9}
 * @param objectiveS joint's objective (expected per-token latency) with the splits
 * @param attentionWidths per layer, the width chosen for its attention (1 = not split)
 * @param headWidth the width chosen for the LM head
 */
public record TensorParallelPrediction(boolean predicted, String note, String strategy, int maxWidth,
    StrategySummary jointWithSplits, double spacemoeMeanS, double overSpacemoe, boolean atMostNinetyPercentOfSpacemoe,
    double objectiveS, int[] attentionWidths, int headWidth) {
  public static final String STRATEGY = "joint-tp";
  /** The widest split reproduce lets joint choose. */
  public static final int MAX_WIDTH = GatewaySplit.MAX_WIDTH;
  static final String NOTE = "predicted by the latency model (docs/latency-model.md, Tensor-parallel gateways);"
      + " the onboard runtime does not run split gateways yet, so this plan is neither written nor flown";

  /** Plans joint with splits from {@code spacemoe} and evaluates both on {@code samples} token samples of {@code sc}. */
  public static TensorParallelPrediction run(Scenario sc, PlacementResult spacemoe, int samples) {
    NetworkRealisations net = sc.network();
    JointResult joint = JointPlacement.joint().withMaxSplitWidth(MAX_WIDTH)
        .optimise(new PlanningContext(sc, net), spacemoe);
    Placement split = joint.result().placement().named(STRATEGY);
    EvaluationSettings settings = EvaluationSettings.forSamples(samples, sc.slots(), sc.seed());
    List<LatencyReport> r = new TokenLatencyEvaluator(sc, net).evaluateAll(List.of(spacemoe.placement(), split),
        settings, i -> {});
    double ratio = r.get(1).meanTokenLatencyS() / r.get(0).meanTokenLatencyS();
    return new TensorParallelPrediction(true, NOTE, STRATEGY, MAX_WIDTH, StrategySummary.of(r.get(1)),
        r.get(0).meanTokenLatencyS(), ratio, ratio <= 0.9, joint.objectiveS(), split.split().attentionWidths(),
        split.split().headWidth());
  }
}
