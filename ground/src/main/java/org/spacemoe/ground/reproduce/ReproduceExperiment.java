package org.spacemoe.ground.reproduce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.joint.ExactJointOptimum;
import org.spacemoe.ground.placement.joint.JointLowerBound;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.model.ModelPresets;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.stats.ActivationStatisticsSpecs;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.WalkerConstellation;
import org.spacemoe.shared.constellation.WalkerParameters;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * The paper's experiment: the four strategies and {@code joint} on the base scenario and on each of the paper's
 * computers ({@link DeviceRegime}), then one-parameter sweeps over
 * altitude, constellation size, link survival and tracking limit, every other parameter held at the base value;
 * then joint's checks: spacemoe against joint at link survival {@value #JOINT_CHECK_LINK_SURVIVAL}, and joint
 * against the exact optimum of its objective on a small instance.
 */
public final class ReproduceExperiment {
  /** One point of a sweep. */
  public record SweepPoint(double value, String label, Map<String, StrategySummary> strategies,
      Map<String, Double> ratios, boolean orderingHolds) {}

  /**
   * Everything the experiment produced.
   *
   * @param jointCheck spacemoe and joint at link survival {@value #JOINT_CHECK_LINK_SURVIVAL}
   * @param exactCheck joint against the brute-force optimum on {@link #exactCheckScenario}
   * @param jointLowerBoundS {@link JointLowerBound} on the base scenario, s
   * @param perDevice the base configuration on each of the paper's computers ({@link DeviceRegime})
   * @param tensorParallel joint with tensor-parallel gateways on the base scenario, predicted
   * @param jointReplicas joint with each of {@link JointReplicasComparison#BUDGETS} extra copies on the base scenario
   */
  public record Result(ConfigurationResult base, Map<String, List<SweepPoint>> sweeps, ConfigurationResult jointCheck,
      ExactJointOptimum.Gap exactCheck, double jointLowerBoundS, List<DeviceRegime.Row> perDevice,
      TensorParallelEffect tensorParallel, List<JointReplicasComparison> jointReplicas) {}

  /** The link survival at which joint's p99 must not be worse than spacemoe's. */
  public static final double JOINT_CHECK_LINK_SURVIVAL = 0.9;

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
    return 2 + DeviceRegime.extraConfigurations(base) + settings.altitudesKm().size() + settings.sizes().size() + settings.linkSurvivals().size()
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
    TensorParallelEffect tp = TensorParallelEffect.run(base, baseResult.spacemoe(),
        baseResult.joint().result().placement(), settings.samples());
    log.accept(String.format("joint (tensor-parallel where it pays): %.3f s, %.2fx spacemoe; unsplit %.2fx",
        tp.jointMeanS(), tp.jointOverSpacemoe(), tp.unsplitOverSpacemoe()));
    List<JointReplicasComparison> replicas = JointReplicasComparison.run(base, baseResult.spacemoe(),
        baseResult.joint().result().placement(), JointReplicasComparison.BUDGETS, settings.samples());
    replicas.forEach(r -> log.accept(String.format("joint+replicas (budget %s, %d copies): %.3f s, %.3fx joint",
        r.replicaBudget(), r.copies(), r.jointReplicas().meanTokenLatencyS(), r.overJoint())));
    List<DeviceRegime.Row> perDevice = DeviceRegime.run(base, baseResult, settings.samples(), settings.randomPlans(),
        progress);
    perDevice.forEach(r -> log.accept(String.format("%s: spacemoe %.3f s, %.2fx over the best baseline", r.device(),
        r.strategies().get("spacemoe").meanTokenLatencyS(), r.minBaselineOverSpacemoe())));
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
    ConfigurationResult jointCheck = StrategyComparison.spacemoeVsJoint(base.withLinkSurvival(JOINT_CHECK_LINK_SURVIVAL),
        settings.samples(), progress);
    log.accept(String.format("p=%s: spacemoe %.3f s, joint %.3f s", JOINT_CHECK_LINK_SURVIVAL,
        jointCheck.mean("spacemoe"), jointCheck.mean("joint")));
    ExactJointOptimum.Gap exact = ExactJointOptimum.check(exactCheckScenario(base));
    log.accept(String.format("exact check: joint %.4f s, optimum %.4f s, gap %.2f%%", exact.jointS(),
        exact.optimumS(), exact.gapPercent()));
    double bound = JointLowerBound.compute(new PlanningContext(base));
    log.accept(String.format("lower bound of the joint objective: %.4f s", bound));
    return new Result(baseResult, sweeps, jointCheck, exact, bound, perDevice, tp, replicas);
  }

  /**
   * The instance of the exact check: a 6 x 9 Walker star at the base altitude and inclination, a 3-layer model
   * with 3 experts (top-2, the base model's dimensions), stats zipf:1.0, every other setting from the base.
   * Each layer's subnet has 18 satellites (3 rows of 6 planes), so every gateway pair, combine point and assignment can be enumerated.
   */
  public static Scenario exactCheckScenario(Scenario base) {
    WalkerParameters wp = ((WalkerConstellation) base.constellation()).parameters();
    String spec = String.format(java.util.Locale.ROOT, "walker-star:planes=6,sats=9,altitude-km=%s,inclination-deg=%s",
        wp.altitudeKm(), wp.inclinationDeg());
    MoeModel m = base.model();
    MoeModel small = ModelPresets.parse(String.format(java.util.Locale.ROOT,
        "custom:layers=3,experts=3,top-k=2,hidden=%d,expert-width=%d,vocab=%d", m.hidden(), m.expertWidth(), m.vocab()));
    return new Scenario(spec, ConstellationSpecs.parse(spec), base.islRules(), base.slots(), base.linkSurvival(),
        base.seed(), base.islRateBitsPerS(), base.codec(), small, base.device(), base.contextTokens(),
        ActivationStatisticsSpecs.parse("zipf:1.0", small));
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
