package org.spacemoe.onboard.planstore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.model.onnx.ShardKind;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.uplink.PlanShards;

/**
 * The shards a node must hold for a plan: per satellite it plays, the gateway of each layer it is gateway or standby
 * gateway of (plus the embedding for layer 0 and the LM head for the last layer) and each copy of an expert it
 * hosts ({@link PlanShards#needed}, the rule the ground uses too; tensor-parallel shares included). A standby
 * ({@link LayerPlacement#standby()}) stages exactly its layer's gateway shards, so it can take the layer over when
 * the gateway's computer is down. The plan must have passed the semantic checks.
 */
public final class NodeShards {
  private NodeShards() {}

  /** Shard names per satellite (a satellite with no role maps to an empty set), in the order given. */
  public static Map<String, SortedSet<String>> bySatellite(PlacementPlan plan, List<String> satellites) {
    Map<String, SortedSet<String>> out = new LinkedHashMap<>();
    for (String sat : satellites) {
      out.put(sat, new TreeSet<>(PlanShards.needed(plan, sat)));
    }
    return out;
  }

  /** The union over satellites. */
  public static SortedSet<String> union(Map<String, SortedSet<String>> bySatellite) {
    SortedSet<String> all = new TreeSet<>();
    bySatellite.values().forEach(all::addAll);
    return all;
  }

  /**
   * Bytes of a shard's weights once loaded as fp32 (ONNX Runtime computes in fp32; an fp16 file casts its weights
   * up), from the shape: embedding {@code V d}, gateway {@code 4 d^2 + 2 d + d E + E}, expert {@code 3 d w}, head
   * {@code d + d V}, times 4 bytes. The same parameter counts as {@code MoeModelExporter.parameters}.
   */
  public static long fp32Bytes(ShardKind kind, MoeModelShape s) {
    long d = s.hidden();
    long params = switch (kind) {
      case EMBED -> (long) s.vocab() * d;
      case GATEWAY -> 4 * d * d + 2 * d + d * s.experts() + s.experts();
      case EXPERT -> 3 * d * s.expertWidth();
      case HEAD -> d + d * s.vocab();
      // without width and part: an upper bound, the unsplit shard's attention or head
      case ATTENTION_PART -> 4 * d * d + d;
      case COMBINE -> d + d * s.experts() + s.experts();
      case HEAD_SLICE -> d + d * s.vocab();
    };
    return 4 * params;
  }

  /**
   * As {@link #fp32Bytes(ShardKind, MoeModelShape)}, exact for the split kinds too: an attention part
   * {@code d + 4 d dp} (dp its heads x head dim), a head slice {@code d + d Vp} (Vp its vocabulary share).
   */
  public static long fp32Bytes(ShardEntry shard, MoeModelShape s) {
    long d = s.hidden();
    return switch (shard.kind()) {
      case ATTENTION_PART -> 4 * (d + 4 * d * s.headDim() * (ShardContract.shareEnd(s.heads(), shard.width(),
          shard.part()) - ShardContract.shareStart(s.heads(), shard.width(), shard.part())));
      case HEAD_SLICE -> 4 * (d + d * (ShardContract.shareEnd(s.vocab(), shard.width(), shard.part())
          - ShardContract.shareStart(s.vocab(), shard.width(), shard.part())));
      default -> fp32Bytes(shard.kind(), s);
    };
  }
}
