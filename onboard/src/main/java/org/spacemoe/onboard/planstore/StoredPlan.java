package org.spacemoe.onboard.planstore;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * A plan in the store, complete on disk ({@code COMPLETE} present).
 *
 * @param version the plan version (also the directory name)
 * @param plan the parsed plan ({@code plan.json})
 * @param directory {@code DATA_DIR/store/plans/<version>/}
 * @param modelDir {@code directory/model/}: {@code manifest.json} and the shards this node needs, nothing else
 * @param shards the shards held in {@code modelDir}, name to SHA-256 (as recorded in {@code COMPLETE})
 */
public record StoredPlan(long version, PlacementPlan plan, Path directory, Path modelDir, Map<String, String> shards) {
  public StoredPlan {
    Objects.requireNonNull(plan, "plan");
    shards = Map.copyOf(shards);
  }
}
