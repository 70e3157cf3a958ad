package org.spacemoe.ground.reproduce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.model.DeviceProfile;

/**
 * The paper's comparison repeated on each of its computers ({@link DeviceProfile#presets()}), every satellite on the
 * same device: where compute dominates a token, placement can only shorten the links, so the speed-up of
 * {@code spacemoe} over the baselines shrinks; the paper's "at least {@value #PAPER_CLAIMED_SPEEDUP}x" holds only where
 * the links dominate.
 */
public final class DeviceRegime {
  /** The paper's claim: spacemoe at least this many times faster than every baseline. */
  public static final double PAPER_CLAIMED_SPEEDUP = 3.0;

  private static final List<String> BASELINES = List.of("rand-place", "rand-intra", "rand-intra-cg");

  /**
   * One device's comparison.
   *
   * @param device preset name
   * @param gflops the device's sustained rate, GFLOP/s
   * @param strategies each strategy's figures, s
   * @param ratios each baseline's (and joint's) mean over spacemoe's
   * @param spacemoeComputeShare spacemoe's mean compute over its mean token latency, in [0, 1]
   * @param minBaselineOverSpacemoe the smallest of the three baselines' means over spacemoe's: the speed-up over the
   *     best baseline
   * @param paperSpeedupHolds {@code minBaselineOverSpacemoe >= }{@value #PAPER_CLAIMED_SPEEDUP}
   */
  public record Row(String device, double gflops, Map<String, StrategySummary> strategies, Map<String, Double> ratios,
      double spacemoeComputeShare, double minBaselineOverSpacemoe, boolean paperSpeedupHolds) {

    static Row of(DeviceProfile d, ConfigurationResult r) {
      double spacemoe = r.mean("spacemoe");
      double minRatio = BASELINES.stream().mapToDouble(b -> r.mean(b) / spacemoe).min().orElseThrow();
      StrategySummary s = r.summaries().get("spacemoe");
      return new Row(d.name(), d.flops() / 1e9, r.summaries(), r.ratios(), s.meanComputeS() / s.meanTokenLatencyS(),
          minRatio, minRatio >= PAPER_CLAIMED_SPEEDUP);
    }
  }

  private DeviceRegime() {}

  /** The devices compared, in the paper's order of rate: rad5545, sbc-2a72, ix10. */
  public static List<DeviceProfile> devices() {
    List<DeviceProfile> d = new ArrayList<>(DeviceProfile.presets().values());
    d.sort((a, b) -> Double.compare(a.flops(), b.flops()));
    return d;
  }

  /**
   * Runs the comparison on every device of {@link #devices()}; the base scenario's own device (a preset on a uniform
   * fleet) reuses {@code baseResult} instead of running again.
   *
   * @param progress called once per evaluated realisation
   */
  public static List<Row> run(Scenario base, ConfigurationResult baseResult, int samples, int randomPlans,
      IntConsumer progress) {
    List<Row> rows = new ArrayList<>();
    for (DeviceProfile d : devices()) {
      ConfigurationResult r = reusesBase(base, d) ? baseResult
          : StrategyComparison.run(base.withDevice(d), samples, randomPlans, progress);
      rows.add(Row.of(d, r));
    }
    return rows;
  }

  /** Number of configurations {@link #run} evaluates beyond the base one. */
  public static int extraConfigurations(Scenario base) {
    return (int) devices().stream().filter(d -> !reusesBase(base, d)).count();
  }

  private static boolean reusesBase(Scenario base, DeviceProfile d) {
    return base.fleet().isUniform() && base.device().name().equals(d.name()) && base.device().flops() == d.flops();
  }

  /** {device: {strategy: mean s}}, for charts. */
  public static Map<String, Map<String, Double>> means(List<Row> rows) {
    Map<String, Map<String, Double>> m = new LinkedHashMap<>();
    for (Row r : rows) {
      Map<String, Double> byStrategy = new LinkedHashMap<>();
      r.strategies().forEach((k, v) -> byStrategy.put(k, v.meanTokenLatencyS()));
      m.put(r.device(), byStrategy);
    }
    return m;
  }
}
