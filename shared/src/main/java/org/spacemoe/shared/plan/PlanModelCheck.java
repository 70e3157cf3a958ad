package org.spacemoe.shared.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.spacemoe.shared.model.onnx.MoeModelShape;

/**
 * Whether a plan and a model's shards are for the same model: the same name and the same dimensions. Used by the
 * ground before it sends a byte, and by a satellite before it stages a plan.
 */
public final class PlanModelCheck {
  private PlanModelCheck() {}

  /** What differs between the plan's model and the shards' model, or empty when they are the same. */
  public static Optional<String> mismatch(PlanInputs.ModelDims plan, MoeModelShape shards) {
    PlanInputs.ModelDims m = dims(shards);
    if (m.equals(plan)) {
      return Optional.empty();
    }
    List<String> diff = new ArrayList<>();
    if (!m.name().equals(plan.name())) {
      diff.add("name '" + plan.name() + "' vs '" + m.name() + "'");
    }
    compare(diff, "layers", plan.layers(), m.layers());
    compare(diff, "experts", plan.experts(), m.experts());
    compare(diff, "top-k", plan.topK(), m.topK());
    compare(diff, "hidden", plan.hidden(), m.hidden());
    compare(diff, "expert-width", plan.expertWidth(), m.expertWidth());
    compare(diff, "vocab", plan.vocab(), m.vocab());
    String hint = diff.size() == 1 && diff.get(0).startsWith("name")
        ? " (same dimensions: make the plan with --model " + m.name() + ")" : "";
    return Optional.of("the plan is for " + describe(plan) + ", the shards for " + describe(m) + ": "
        + String.join(", ", diff) + " differ" + hint);
  }

  /** The planner's dimensions of a shard model. */
  public static PlanInputs.ModelDims dims(MoeModelShape s) {
    return new PlanInputs.ModelDims(s.name(), s.layers(), s.experts(), s.topK(), s.hidden(), s.expertWidth(),
        s.vocab());
  }

  /** {@code NAME (L layers x E experts, top-K, d=.., w=.., V=..)}. */
  public static String describe(PlanInputs.ModelDims m) {
    return m.name() + " (" + m.layers() + " layers x " + m.experts() + " experts, top-" + m.topK() + ", d="
        + m.hidden() + ", w=" + m.expertWidth() + ", V=" + m.vocab() + ")";
  }

  private static void compare(List<String> diff, String what, int plan, int shards) {
    if (plan != shards) {
      diff.add(what + " " + plan + " vs " + shards);
    }
  }
}
