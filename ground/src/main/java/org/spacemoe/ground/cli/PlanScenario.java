package org.spacemoe.ground.cli;

import java.util.List;
import org.spacemoe.ground.scenario.FleetSpecs;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.HiddenStateCodec;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;
import org.spacemoe.shared.stats.ActivationStatistics;

/** Rebuilds the scenario a plan was computed for. */
final class PlanScenario {
  private PlanScenario() {}

  static Scenario of(PlacementPlan plan, String input) {
    return of(plan, input, null);
  }

  /** The plan's model, as recorded in its inputs. */
  static MoeModel model(PlacementPlan plan, String input) {
    PlanInputs.ModelDims d = plan.inputs().model();
    if (d == null) {
      throw new InvalidInputException(input, "plan inputs are incomplete (model is required)");
    }
    return new MoeModel(d.name(), d.layers(), d.experts(), d.topK(), d.hidden(), d.expertWidth(), d.vocab());
  }

  /**
   * @param stats statistics to use instead of the plan's recorded {@code expertShares}; {@code null} to use those
   *     (then they are required)
   */
  static Scenario of(PlacementPlan plan, String input, ActivationStatistics stats) {
    PlanInputs in = plan.inputs();
    if (in.model() == null || in.device() == null || in.constellationSpec() == null) {
      throw new InvalidInputException(input, "plan inputs are incomplete (model, device, constellationSpec and expertShares are required)");
    }
    if (stats == null && in.expertShares() == null) {
      throw new InvalidInputException(input, "plan inputs record no expertShares; give the statistics with --stats");
    }
    MoeModel model = model(plan, input);
    if (stats == null) {
      List<double[]> shares = in.expertShares();
      stats = new ActivationStatistics(input + " expertShares", shares.toArray(new double[0][]));
    }
    DeviceProfile device = in.device().toProfile();
    Constellation c = ConstellationSpecs.parse(in.constellationSpec());
    return new Scenario(in.constellationSpec(), c,
        IslRules.defaults().withTrackingLimit(in.trackingLimitRadPerS()), in.slots(), in.linkSurvival(), in.seed(),
        in.islRateBitsPerS(), HiddenStateCodec.parse(in.codec()), model, device, in.contextTokens(), stats,
        FleetSpecs.fromPlan(in.fleet(), device, c, input), in.epochSOrZero());
  }
}
