package org.spacemoe.onboard.planstore;

import org.spacemoe.shared.plan.envelope.RejectReason;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;
import org.spacemoe.shared.plan.PlanModelCheck;

/** The checks of an authenticated plan that need no files: identity, then semantics. */
final class PlanChecks {
  private PlanChecks() {}

  /** Fields a plan must have at all (an authenticator other than {@code PlanJson} may let nulls through). */
  static void wellFormed(PlacementPlan plan) throws StagingRejectedException {
    if (plan.layers() == null || plan.inputs() == null || plan.inputs().model() == null
        || plan.constellationId() == null || plan.inputs().constellationSpec() == null
        || plan.shardDigests() == null) {
      throw new StagingRejectedException(RejectReason.MALFORMED_PLAN,
          "plan lacks layers, inputs, model, constellation or shard digests");
    }
    if (plan.planVersion() < 1) {
      throw new StagingRejectedException(RejectReason.MALFORMED_PLAN,
          "plan version must be >= 1, got " + plan.planVersion());
    }
  }

  /**
   * The plan's constellation and model are this node's, and the node's satellites are in that constellation.
   *
   * @return the plan's constellation, built from its spec
   */
  static Constellation identity(PlacementPlan plan, StagingContext ctx) throws StagingRejectedException {
    if (!plan.constellationId().equals(ctx.constellationId())) {
      throw new StagingRejectedException(RejectReason.WRONG_CONSTELLATION, "plan v" + plan.planVersion()
          + " is for constellation " + plan.constellationId() + ", this node is in " + ctx.constellationId());
    }
    PlanInputs.ModelDims m = plan.inputs().model();
    if (!m.equals(ctx.model())) {
      throw new StagingRejectedException(RejectReason.WRONG_MODEL, "plan v" + plan.planVersion() + " is for model "
          + describe(m) + ", this node runs " + describe(ctx.model()));
    }
    Constellation c;
    try {
      c = ConstellationSpecs.parse(plan.inputs().constellationSpec());
    } catch (RuntimeException e) {
      throw new StagingRejectedException(RejectReason.WRONG_CONSTELLATION, "the plan's constellation spec '"
          + plan.inputs().constellationSpec() + "' cannot be built here: " + e.getMessage());
    }
    if (!c.id().equals(plan.constellationId())) {
      throw new StagingRejectedException(RejectReason.WRONG_CONSTELLATION, "the plan's constellation spec builds "
          + c.id() + ", not its constellation id " + plan.constellationId());
    }
    Set<String> names = names(c);
    for (String sat : ctx.satellites()) {
      if (!names.contains(sat)) {
        throw new StagingRejectedException(RejectReason.WRONG_CONSTELLATION, "this node's satellite " + sat
            + " is not in " + c.id());
      }
    }
    return c;
  }

  /**
   * Every layer present once in ring order, every expert placed, every satellite named in the constellation, every
   * standby gateway another member of its layer's subnet.
   */
  static void semantic(PlacementPlan plan, Constellation c) throws StagingRejectedException {
    PlanInputs.ModelDims m = plan.inputs().model();
    List<LayerPlacement> layers = plan.layers();
    if (layers.size() != m.layers()) {
      throw semantic("plan places " + layers.size() + " layers, the model has " + m.layers());
    }
    Set<String> names = names(c);
    for (int i = 0; i < layers.size(); i++) {
      LayerPlacement lp = layers.get(i);
      if (lp == null) {
        throw semantic("layers[" + i + "] is null");
      }
      if (lp.layer() != i) {
        throw semantic("layers[" + i + "] is layer " + lp.layer() + ": each layer once, in ring order");
      }
      if (lp.gateway() == null || !names.contains(lp.gateway())) {
        throw semantic("layer " + i + " has gateway " + lp.gateway() + ", not a satellite of " + c.id());
      }
      List<List<String>> experts = lp.experts();
      if (experts == null || experts.size() != m.experts()) {
        throw semantic("layer " + i + " places " + (experts == null ? 0 : experts.size()) + " experts, the model has "
            + m.experts());
      }
      for (int e = 0; e < experts.size(); e++) {
        List<String> hosts = experts.get(e);
        if (hosts == null || hosts.isEmpty()) {
          throw semantic("layer " + i + " expert " + e + " has no host");
        }
        Set<String> seen = new HashSet<>();
        for (String h : hosts) {
          if (h == null || !names.contains(h)) {
            throw semantic("layer " + i + " expert " + e + " is placed on " + h + ", not a satellite of " + c.id());
          }
          if (!seen.add(h)) {
            throw semantic("layer " + i + " expert " + e + " lists host " + h + " twice");
          }
        }
      }
      if (lp.subnet() != null) {
        for (String s : lp.subnet()) {
          if (s == null || !names.contains(s)) {
            throw semantic("layer " + i + " subnet names " + s + ", not a satellite of " + c.id());
          }
        }
      }
      if (lp.standby() != null) {
        if (!names.contains(lp.standby())) {
          throw semantic("layer " + i + " has standby " + lp.standby() + ", not a satellite of " + c.id());
        }
        String problem = lp.standbyProblem();
        if (problem != null) {
          throw semantic(problem);
        }
      }
    }
  }

  /** The model manifest describes the plan's model. */
  static void manifestModel(MoeModelShape shape, PlanInputs.ModelDims m) throws StagingRejectedException {
    java.util.Optional<String> problem = PlanModelCheck.mismatch(m, shape);
    if (problem.isPresent()) {
      throw new StagingRejectedException(RejectReason.WRONG_MODEL, problem.get());
    }
  }

  static String describe(PlanInputs.ModelDims m) {
    return PlanModelCheck.describe(m);
  }

  private static Set<String> names(Constellation c) {
    Set<String> s = new HashSet<>();
    for (Satellite sat : c.satellites()) {
      s.add(sat.name());
    }
    return s;
  }

  private static StagingRejectedException semantic(String detail) {
    return new StagingRejectedException(RejectReason.SEMANTIC, detail);
  }
}
