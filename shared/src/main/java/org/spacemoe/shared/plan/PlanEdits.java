package org.spacemoe.shared.plan;

import java.util.ArrayList;
import java.util.List;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Hand edits of a placement plan that keep it valid and every satellite's load unchanged: swapping the hosts of
 * two experts of one layer moves exactly those two experts' shards (a v2 that sends only what the new hosts lack).
 */
public final class PlanEdits {
  private PlanEdits() {}

  /**
   * {@code plan} with the host lists of experts {@code a} and {@code b} of {@code layer} swapped.
   *
   * @param input names the option in errors
   * @throws InvalidInputException when the layer or an expert does not exist, {@code a == b}, or both experts
   *     already have the same hosts (the swap would change nothing)
   */
  public static PlacementPlan swapExperts(PlacementPlan plan, int layer, int a, int b, String input) {
    if (layer < 0 || layer >= plan.layers().size()) {
      throw new InvalidInputException(input, "layer " + layer + " is not in the plan (layers 0 to "
          + (plan.layers().size() - 1) + ")");
    }
    LayerPlacement lp = plan.layers().get(layer);
    int n = lp.experts().size();
    for (int e : new int[] {a, b}) {
      if (e < 0 || e >= n) {
        throw new InvalidInputException(input, "expert " + e + " is not in layer " + layer + " (experts 0 to "
            + (n - 1) + ")");
      }
    }
    if (lp.experts().get(a).equals(lp.experts().get(b))) {
      throw new InvalidInputException(input, "experts " + a + " and " + b + " of layer " + layer
          + " are both on " + lp.experts().get(a) + ": swapping them changes nothing");
    }
    List<List<String>> experts = new ArrayList<>(lp.experts());
    experts.set(a, lp.experts().get(b));
    experts.set(b, lp.experts().get(a));
    List<LayerPlacement> layers = new ArrayList<>(plan.layers());
    layers.set(layer, new LayerPlacement(layer, lp.subnet(), lp.gateway(), experts, lp.combine(), lp.standby(),
        lp.attentionParts(), lp.headParts()));
    return new PlacementPlan(plan.schemaVersion(), plan.planVersion(), plan.strategy(), plan.constellationId(),
        layers, plan.shardDigests(), plan.inputs(), plan.linkCodecs());
  }

  /** {@code plan} stamped with {@code version} (>= 1). */
  public static PlacementPlan withVersion(PlacementPlan plan, long version) {
    if (version < 1) {
      throw new IllegalArgumentException("plan version " + version);
    }
    return new PlacementPlan(plan.schemaVersion(), version, plan.strategy(), plan.constellationId(), plan.layers(),
        plan.shardDigests(), plan.inputs(), plan.linkCodecs());
  }
}
