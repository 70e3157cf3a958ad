package org.spacemoe.ground.reproduce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.WalkerConstellation;
import org.spacemoe.shared.constellation.WalkerParameters;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * The paper's experiment: the four strategies on the base scenario, then one-parameter sweeps over altitude,
 * constellation size, link survival and tracking limit, every other parameter held at the base value.
 */
public final class ReproduceExperiment {
  /** One point of a sweep. */
  public record SweepPoint(double value, String label, Map<String, StrategySummary> strategies,
      Map<String, Double> ratios, boolean orderingHolds) {}

  /** Everything the experiment produced. */
  public record Result(ConfigurationResult base, Map<String, List<SweepPoint>> sweeps) {}

  private final Scenario base;
  private final ReproduceSettings settings;

  public ReproduceExperiment(Scenario base, ReproduceSettings settings) {
    if (!(base.constellation() instanceof WalkerConstellation)) {
      throw new InvalidInputException("--constellation", "reproduce sweeps altitude and size, so it needs a Walker constellation, not " + base.constellation().id());
    }
    this.base = base.withSlots(settings.slots());
    this.settings = settings;
  }

  public Scenario baseScenario() {
    return base;
  }

  /** Number of configurations (base + every sweep point). */
  public int configurations() {
    return 1 + settings.altitudesKm().size() + settings.sizes().size() + settings.linkSurvivals().size()
        + settings.trackingLimitsRadPerS().size();
  }

  /** Realisations over all configurations (for progress). */
  public long totalRealisations() {
    return (long) configurations() * StrategyComparison.realisations(base, settings.samples());
  }

  /**
   * @param progress called once per evaluated realisation
   * @param log called with a short line per finished configuration
   */
  public Result run(IntConsumer progress, Consumer<String> log) {
    ConfigurationResult baseResult = runOne(base, progress);
    log.accept(String.format("base: spacemoe %.3f s", baseResult.mean("spacemoe")));
    WalkerParameters wp = ((WalkerConstellation) base.constellation()).parameters();
    Map<String, List<SweepPoint>> sweeps = new LinkedHashMap<>();
    List<SweepPoint> alt = new ArrayList<>();
    for (double km : settings.altitudesKm()) {
      WalkerParameters p = wp.withAltitudeKm(km);
      alt.add(point(km, km + " km", withWalker(p), progress, log));
    }
    sweeps.put("altitudeKm", alt);
    List<SweepPoint> size = new ArrayList<>();
    for (int[] s : settings.sizes()) {
      WalkerParameters p = wp.withSize(s[0], s[1]);
      size.add(point((double) s[0] * s[1], s[0] + "x" + s[1], withWalker(p), progress, log));
    }
    sweeps.put("constellationSize", size);
    List<SweepPoint> surv = new ArrayList<>();
    for (double p : settings.linkSurvivals()) {
      surv.add(point(p, "p=" + p, base.withLinkSurvival(p), progress, log));
    }
    sweeps.put("linkSurvival", surv);
    List<SweepPoint> track = new ArrayList<>();
    for (double t : settings.trackingLimitsRadPerS()) {
      track.add(point(t, t + " rad/s", base.withIslRules(base.islRules().withTrackingLimit(t)), progress, log));
    }
    sweeps.put("trackingLimitRadPerS", track);
    return new Result(baseResult, sweeps);
  }

  private Scenario withWalker(WalkerParameters p) {
    return base.withConstellation(ConstellationSpecs.specOf(p), new WalkerConstellation(p));
  }

  private SweepPoint point(double value, String label, Scenario sc, IntConsumer progress, Consumer<String> log) {
    ConfigurationResult r = runOne(sc, progress);
    log.accept(String.format("%s: spacemoe %.3f s", label, r.mean("spacemoe")));
    return new SweepPoint(value, label, r.summaries(), r.ratios(), r.paperOrderingHolds());
  }

  private ConfigurationResult runOne(Scenario sc, IntConsumer progress) {
    return StrategyComparison.run(sc, settings.samples(), settings.randomPlans(), progress);
  }
}
