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
 * can take over when the gateway is down; every host listed for expert {@code e} of layer {@code l} needs {@code layerLL.expertEE}.
 * A layer split tensor-parallel {@code k} ways: its lead (and standby) holds attention share 0 and the combine shard
 * instead of the gateway, part i share i; a split LM head likewise by vocabulary slices. The same rule as the
 * onboard runtime's.
 */
public final class PlanShards {
  private PlanShards() {}

  /** Shard names {@code satellite} needs under {@code plan}, sorted; empty if it has no role. */
  public static SortedSet<String> needed(PlacementPlan plan, String satellite) {
    TreeSet<String> out = new TreeSet<>();
    int last = plan.layers().size() - 1;
    for (LayerPlacement lp : plan.layers()) {
      int l = lp.layer();
      int width = lp.attentionWidth();
      int headWidth = lp.headWidth();
      if (lp.holdsGatewayShard(satellite)) {
        if (width == 1) {
          out.add(ShardContract.gatewayName(l));
        } else {
          out.add(ShardContract.attentionPartName(l, width, 0));
          out.add(ShardContract.combineName(l));
        }
        if (l == 0) {
          out.add(ShardContract.EMBED);
        }
        if (l == last) {
          out.add(headWidth == 1 ? ShardContract.HEAD : ShardContract.headSliceName(headWidth, 0));
        }
      }
      int share = lp.attentionParts().indexOf(satellite);
      if (share >= 0) {
        out.add(ShardContract.attentionPartName(l, width, share + 1));
      }
      int slice = lp.headParts().indexOf(satellite);
      if (slice >= 0) {
        out.add(ShardContract.headSliceName(headWidth, slice + 1));
      }
      for (int e = 0; e < lp.experts().size(); e++) {
        if (lp.experts().get(e).contains(satellite)) {
          out.add(ShardContract.expertName(l, e));
        }
      }
    }
    return Collections.unmodifiableSortedSet(out);
  }

  /** Every satellite with a role in {@code plan} (gateways, standbys, expert hosts, tensor-parallel parts), sorted. */
  public static SortedSet<String> satellites(PlacementPlan plan) {
    TreeSet<String> out = new TreeSet<>();
    for (LayerPlacement lp : plan.layers()) {
      out.add(lp.gateway());
      lp.standbyGateway().ifPresent(out::add);
      lp.experts().forEach(out::addAll);
      out.addAll(lp.attentionParts());
      out.addAll(lp.headParts());
    }
    return Collections.unmodifiableSortedSet(out);
  }
}
