package org.spacemoe.shared.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.spacemoe.shared.frame.TensorCodec;
import org.spacemoe.shared.input.OptionalField;

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
 * @param linkCodecs activation codec per link class the onboard runtime sends with; null (absent from the JSON,
 *     as in plans written before it existed) means fp32 on every link
 */
public record PlacementPlan(
    int schemaVersion,
    long planVersion,
    String strategy,
    String constellationId,
    List<LayerPlacement> layers,
    Map<String, String> shardDigests,
    PlanInputs inputs,
    @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) LinkCodecs linkCodecs) {
  public static final int SCHEMA_VERSION = 1;

  public PlacementPlan {
    layers = List.copyOf(layers);
    shardDigests = Map.copyOf(shardDigests);
  }

  /** A plan without link codecs: fp32 on every link. */
  public PlacementPlan(int schemaVersion, long planVersion, String strategy, String constellationId,
      List<LayerPlacement> layers, Map<String, String> shardDigests, PlanInputs inputs) {
    this(schemaVersion, planVersion, strategy, constellationId, layers, shardDigests, inputs, null);
  }

  /** This plan with {@code codecs} on its links (null: fp32 everywhere). */
  public PlacementPlan withLinkCodecs(LinkCodecs codecs) {
    return new PlacementPlan(schemaVersion, planVersion, strategy, constellationId, layers, shardDigests, inputs,
        codecs);
  }

  /** The codec of a frame of {@code linkClass} carrying {@code layer}: see {@link LinkCodecs#codecFor}. */
  public TensorCodec codecFor(LinkClass linkClass, int layer) {
    return (linkCodecs == null ? LinkCodecs.ALL_FP32 : linkCodecs).codecFor(linkClass, layer);
  }
}
