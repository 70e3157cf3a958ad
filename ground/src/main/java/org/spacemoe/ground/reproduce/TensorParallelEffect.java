package org.spacemoe.ground.reproduce;

import java.util.List;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlacementResult;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.joint.JointPlacement;
import org.spacemoe.ground.placement.joint.JointResult;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.routing.NetworkRealisations;

/**
 * What tensor-parallel layers give {@code joint} (which splits by default, {@link JointPlacement#DEFAULT_SPLIT_WIDTH}):
 * joint against joint planned without splits ({@code joint-unsplit}) and {@code spacemoe}, on the same realisations
 * and top-k draws. Evaluator figures; {@code hil bench --strategy joint} runs such plans. Times in s.
 *
 * @param note what the figures are, for readers of reproduce.json
 * @param maxWidth widest split joint may choose, lead included
 * @param attentionWidths per layer, the width joint chose for its attention (1 = not split)
 * @param headWidth the width joint chose for the LM head
 * @param jointMeanS joint's mean (with its splits)
 * @param unsplit joint planned without splits, evaluated
 * @param unsplitObjectiveS that plan's objective (expected per-token latency)
 * @param spacemoeMeanS spacemoe's mean on the same draws
 * @param jointOverSpacemoe {@code jointMeanS / spacemoeMeanS}
 * @param unsplitOverSpacemoe {@code unsplit} mean over {@code spacemoeMeanS}
 * @param atMostNinetyPercentOfSpacemoe {@code jointOverSpacemoe <= 0.9}
 */
public record TensorParallelEffect(String note, int maxWidth, int[] attentionWidths, int headWidth, double jointMeanS,
    StrategySummary unsplit, double unsplitObjectiveS, double spacemoeMeanS, double jointOverSpacemoe,
    double unsplitOverSpacemoe, boolean atMostNinetyPercentOfSpacemoe) {
  public static final String UNSPLIT = "joint-unsplit";
  static final String NOTE = "joint splits a layer's attention heads (and the LM head's vocabulary) over up to "
      + JointPlacement.DEFAULT_SPLIT_WIDTH + " satellites where the latency model says it pays; joint-unsplit is the"
      + " same search without splits. Evaluator figures; hil bench --strategy joint runs such plans";

  /** Evaluates {@code spacemoe}, joint's plan {@code joint} and joint without splits on {@code samples} samples. */
  public static TensorParallelEffect run(Scenario sc, PlacementResult spacemoe, Placement joint, int samples) {
    NetworkRealisations net = sc.network();
    JointResult unsplit = JointPlacement.joint().withMaxSplitWidth(1).optimise(new PlanningContext(sc, net), spacemoe);
    Placement plain = unsplit.result().placement().named(UNSPLIT);
    EvaluationSettings settings = EvaluationSettings.forSamples(samples, sc.slots(), sc.seed());
    List<LatencyReport> r = new TokenLatencyEvaluator(sc, net).evaluateAll(List.of(spacemoe.placement(), plain, joint),
        settings, i -> {});
    double s = r.get(0).meanTokenLatencyS();
    double j = r.get(2).meanTokenLatencyS();
    return new TensorParallelEffect(NOTE, JointPlacement.DEFAULT_SPLIT_WIDTH, joint.split().attentionWidths(),
        joint.split().headWidth(), j, StrategySummary.of(r.get(1)), unsplit.objectiveS(), s, j / s,
        r.get(1).meanTokenLatencyS() / s, j / s <= 0.9);
  }
}
