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
    PlanInputs in = plan.inputs();
    if (in.model() == null || in.device() == null || in.expertShares() == null || in.constellationSpec() == null) {
      throw new InvalidInputException(input, "plan inputs are incomplete (model, device, constellationSpec and expertShares are required)");
    }
    PlanInputs.ModelDims d = in.model();
    MoeModel model = new MoeModel(d.name(), d.layers(), d.experts(), d.topK(), d.hidden(), d.expertWidth(), d.vocab());
    List<double[]> shares = in.expertShares();
    ActivationStatistics stats = new ActivationStatistics(input + " expertShares", shares.toArray(new double[0][]));
    DeviceProfile device = new DeviceProfile(in.device().name(), in.device().flops(), in.device().memoryBytes());
    Constellation c = ConstellationSpecs.parse(in.constellationSpec());
    return new Scenario(in.constellationSpec(), c,
        IslRules.defaults().withTrackingLimit(in.trackingLimitRadPerS()), in.slots(), in.linkSurvival(), in.seed(),
        in.islRateBitsPerS(), HiddenStateCodec.parse(in.codec()), model, device, in.contextTokens(), stats,
        FleetSpecs.fromPlan(in.fleet(), device, c, input));
  }
}
