package org.spacemoe.ground;

import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.HiddenStateCodec;
import org.spacemoe.shared.model.ModelPresets;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.stats.ActivationStatisticsSpecs;

/** Scenarios built the way {@code ScenarioOptions.toScenario} builds them, for tests. */
public final class TestScenarios {
  /** 8 layers x 4 experts, top-2, small dimensions. */
  public static final String SMALL_MODEL = "custom:layers=8,experts=4,top-k=2,hidden=256,expert-width=512,vocab=1000";
  /** 12 planes x 16 satellites: 8 layers get 2 slot rows x 12 planes = 24 satellites each. */
  public static final String SMALL_CONSTELLATION = "walker-star:planes=12,sats=16";

  private TestScenarios() {}

  public static Scenario of(String constellation, String model, String stats, int slots, double linkSurvival,
      double trackingLimit, long seed) {
    MoeModel m = ModelPresets.parse(model);
    return new Scenario(constellation, ConstellationSpecs.parse(constellation),
        IslRules.defaults().withTrackingLimit(trackingLimit), slots, linkSurvival, seed, 100e9, HiddenStateCodec.FP16,
        m, DeviceProfile.SBC_2A72, 512, ActivationStatisticsSpecs.parse(stats, m));
  }

  /** The small scenario: 12x16 Walker star, 8-layer model, zipf:1.0, 20 slots, paper link rules. */
  public static Scenario small() {
    return of(SMALL_CONSTELLATION, SMALL_MODEL, "zipf:1.0", 20, 0.95, 0.12, 1);
  }
}
