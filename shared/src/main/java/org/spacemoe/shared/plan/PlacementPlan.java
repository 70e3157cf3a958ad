package org.spacemoe.shared.plan;

import java.util.List;
import java.util.Map;

/**
 * A placement plan: for every layer its subnet, gateway and expert hosts. Schema version
 * {@value #SCHEMA_VERSION}; {@code planVersion} is monotonic per constellation.
 *
 * @param schemaVersion format version of this document
 * @param planVersion monotonic plan version
 * @param strategy strategy that produced it
 * @param constellationId identity of the constellation
 * @param layers one entry per layer, in ring order (layer 0 first)
 * @param shardDigests shard name to SHA-256 hex (empty until shards are exported)
 * @param inputs what it was computed from
 */
public record PlacementPlan(
    int schemaVersion,
    long planVersion,
    String strategy,
    String constellationId,
    List<LayerPlacement> layers,
    Map<String, String> shardDigests,
    PlanInputs inputs) {
  public static final int SCHEMA_VERSION = 1;

  public PlacementPlan {
    layers = List.copyOf(layers);
    shardDigests = Map.copyOf(shardDigests);
  }
}
