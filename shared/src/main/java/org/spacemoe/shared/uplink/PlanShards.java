package org.spacemoe.shared.uplink;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * Which shards a plan asks a satellite to hold, by the names of {@link ShardContract}: the gateway of layer
 * {@code l} needs {@code layerLL.gateway}, plus {@code embed} for layer 0 (the entry) and {@code head} for the
 * last layer; the layer's standby gateway ({@link LayerPlacement#standby()}) needs exactly the same, so that it
 * can take over when the gateway is down; every host listed for expert {@code e} of layer {@code l} needs {@code layerLL.expertEE}. The
 * same rule as the onboard runtime's.
 */
public final class PlanShards {
  private PlanShards() {}

  /** Shard names {@code satellite} needs under {@code plan}, sorted; empty if it has no role. */
  public static SortedSet<String> needed(PlacementPlan plan, String satellite) {
    TreeSet<String> out = new TreeSet<>();
    int last = plan.layers().size() - 1;
    for (LayerPlacement lp : plan.layers()) {
      if (lp.holdsGatewayShard(satellite)) {
        out.add(ShardContract.gatewayName(lp.layer()));
        if (lp.layer() == 0) {
          out.add(ShardContract.EMBED);
        }
        if (lp.layer() == last) {
          out.add(ShardContract.HEAD);
        }
      }
      for (int e = 0; e < lp.experts().size(); e++) {
        if (lp.experts().get(e).contains(satellite)) {
          out.add(ShardContract.expertName(lp.layer(), e));
        }
      }
    }
    return Collections.unmodifiableSortedSet(out);
  }

  /** Every satellite with a role in {@code plan} (gateways, standby gateways and expert hosts), sorted. */
  public static SortedSet<String> satellites(PlacementPlan plan) {
    TreeSet<String> out = new TreeSet<>();
    for (LayerPlacement lp : plan.layers()) {
      out.add(lp.gateway());
      lp.standbyGateway().ifPresent(out::add);
      lp.experts().forEach(out::addAll);
    }
    return Collections.unmodifiableSortedSet(out);
  }
}
