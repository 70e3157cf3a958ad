package org.spacemoe.ground.placement.joint;

import org.spacemoe.ground.placement.PlacementResult;

/**
 * What {@code joint} found. Objectives are the expected per-token latency (s) over the planner's realisations
 * and the exact top-k set distribution (see {@link LayerCostModel}).
 *
 * @param result the placement (and the spacemoe start's linear-objective check)
 * @param startObjectiveS objective of the spacemoe plan it started from
 * @param objectiveS objective of the returned plan (never above the start's)
 * @param layersCombinedAtNext layers whose experts send their outputs on to the next layer's gateway
 * @param gatewaysMoved layers whose gateway is not the subnet centre
 */
public record JointResult(PlacementResult result, double startObjectiveS, double objectiveS, int layersCombinedAtNext,
    int gatewaysMoved) {
  /** Relative improvement over the start, in percent. */
  public double improvementPercent() {
    return 100.0 * (startObjectiveS - objectiveS) / startObjectiveS;
  }
}
