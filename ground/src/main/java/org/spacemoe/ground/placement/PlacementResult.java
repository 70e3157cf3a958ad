package org.spacemoe.ground.placement;

import org.spacemoe.ground.layout.Placement;
import java.util.List;

/**
 * A placement and, for strategies that optimise the paper's linear objective, the per-layer comparison of the
 * sorted rule with the optimal assignment (empty otherwise).
 */
public record PlacementResult(Placement placement, List<LayerObjective> objectives, long unreachableWaits) {
  public boolean sortedEqualsOptimal() {
    return objectives.stream().allMatch(LayerObjective::equal);
  }
}
