package org.spacemoe.ground.cli;

import org.spacemoe.ground.scenario.FleetSpecs;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.HiddenStateCodec;
import org.spacemoe.shared.model.ModelPresets;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.stats.ActivationStatisticsSpecs;
import picocli.CommandLine.Option;

/** The options that define a scenario; defaults are the paper's setting. */
final class ScenarioOptions {
  @Option(names = "--constellation", paramLabel = "SPEC", defaultValue = "paper",
      description = "paper | walker-star:planes=33,sats=32,altitude-km=550,inclination-deg=87,phasing=1 | walker-delta:... | tle:FILE[,planes=N] (default: ${DEFAULT-VALUE})")
  String constellation;

  @Option(names = "--model", paramLabel = "MODEL", defaultValue = "llama-moe-3.5b-2of8",
      description = "llama-moe-3.5b-2of8 | llama-moe-3.5b-4of16 | an export preset (tiny | bench | paper | paper-slice) | custom:layers=..,experts=..,top-k=..,hidden=..,expert-width=..,vocab=.. (default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--device", paramLabel = "DEVICE", defaultValue = DeviceProfile.DEFAULT_NAME,
      description = "rad5545 | sbc-2a72 | ix10 | custom:gflops=..,memory-gib=.. (default: ${DEFAULT-VALUE})")
  String device;

  @Option(names = "--hop-overhead-ms", paramLabel = "MS",
      description = "software time of one frame hop between satellites on every computer (encode, broker or link "
          + "stack, decode, dispatch), ms, as spacemoe-hil hop-overhead measures it (default: the device's; 0 for the "
          + "presets, as in the paper's model)")
  Double hopOverheadMs;

  @Option(names = "--fleet", paramLabel = "FLEET", defaultValue = "uniform",
      description = "mixed fleet: uniform (every satellite is --device) | per-plane:D0/D1/.. (plane p gets D[p mod n]) | per-slot:D0/D1/.. | FILE.json (format in docs/capacity-and-replicas.md) (default: ${DEFAULT-VALUE})")
  String fleet;

  @Option(names = "--stats", paramLabel = "STATS", defaultValue = "zipf:1.0",
      description = "expert activation statistics: uniform | zipf:S | FILE.json (our format or SGLang logical_count) (default: ${DEFAULT-VALUE})")
  String stats;

  @Option(names = "--codec", paramLabel = "CODEC", defaultValue = "fp16",
      description = "hidden-state codec on ISLs: fp32 | fp16 | int8 (default: ${DEFAULT-VALUE})")
  String codec;

  @Option(names = "--context", paramLabel = "TOKENS", defaultValue = "512",
      description = "context length for attention FLOPs, tokens (default: ${DEFAULT-VALUE})")
  int context;

  @Option(names = "--isl-rate-gbps", paramLabel = "GBPS", defaultValue = "100",
      description = "ISL data rate, Gbit/s (default: ${DEFAULT-VALUE})")
  double islRateGbps;

  @Option(names = "--tracking-limit", paramLabel = "RAD_PER_S", defaultValue = "0.12",
      description = "largest line-of-sight angular rate an ISL terminal can track, rad/s (default: ${DEFAULT-VALUE})")
  double trackingLimit;

  @Option(names = "--link-survival", paramLabel = "P", defaultValue = "0.95",
      description = "probability that a link survives a time slot (default: ${DEFAULT-VALUE})")
  double linkSurvival;

  @Option(names = "--slots", paramLabel = "N", defaultValue = "200",
      description = "time slots over one orbit (default: ${DEFAULT-VALUE})")
  int slots;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--epoch-s", paramLabel = "S", defaultValue = "0",
      description = "the orbit of slots starts this many seconds after the constellation epoch (TLE: the latest TLE epoch) (default: ${DEFAULT-VALUE})")
  double epochS;

  Scenario toScenario() {
    MoeModel m = ModelPresets.parse(model);
    IslRules rules = IslRules.defaults().withTrackingLimit(Checks.positive("--tracking-limit", trackingLimit));
    Constellation c = ConstellationSpecs.parse(constellation);
    DeviceProfile d = DeviceProfile.parse(device);
    Scenario sc = new Scenario(constellation, c, rules, slots, linkSurvival, seed,
        islRateGbps * 1e9, HiddenStateCodec.parse(codec), m, d, context,
        ActivationStatisticsSpecs.parse(stats, m), FleetSpecs.parse(fleet, d, c), epochS);
    return withHopOverhead(sc, hopOverheadMs);
  }

  /** {@code sc} with {@code --hop-overhead-ms} applied to every computer; unchanged when not given. */
  static Scenario withHopOverhead(Scenario sc, Double hopOverheadMs) {
    if (hopOverheadMs == null) {
      return sc;
    }
    if (!(hopOverheadMs >= 0) || Double.isInfinite(hopOverheadMs)) {
      throw new org.spacemoe.shared.input.InvalidInputException("--hop-overhead-ms",
          "must be a finite number >= 0, got " + hopOverheadMs);
    }
    return sc.withHopOverheadS(hopOverheadMs / 1e3);
  }
}
