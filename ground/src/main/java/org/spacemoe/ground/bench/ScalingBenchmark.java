package org.spacemoe.ground.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.placement.PlacementResult;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.RingLinearPlacement;
import org.spacemoe.ground.placement.joint.JointPlacement;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.WalkerConstellation;
import org.spacemoe.shared.constellation.WalkerParameters;
import org.spacemoe.shared.routing.NetworkRealisations;

/**
 * Wall-clock time of a full {@code spacemoe} plan (ISL snapshots of every slot, expected gateway latencies
 * over all slots, sorted assignment and its Hungarian check), of an evaluation and (up to
 * {@value #JOINT_MAX_SATELLITES} satellites) of a {@code joint} plan, as the constellation grows.
 * Each size runs {@code repeats} times after one warm-up of the smallest size; the best run counts.
 */
public final class ScalingBenchmark {
  /** {@code joint} is timed up to this many satellites (its path table grows with them; NaN above). */
  public static final int JOINT_MAX_SATELLITES = 2_000;

  /**
   * One size's timings, ms.
   *
   * @param jointPlanMs a full {@code joint} plan: the spacemoe plan it starts from plus its search (NaN above
   *     {@link #JOINT_MAX_SATELLITES})
   */
  public record Row(String size, int satellites, double planMs, double evaluateMs, int samples,
      double planMsPerSatellite, double planScalingVsFirst, double satelliteRatioVsFirst, double jointPlanMs) {}

  private ScalingBenchmark() {}

  public static List<Row> run(Scenario base, List<int[]> sizes, int samples, int repeats, Consumer<String> log) {
    WalkerParameters wp = WalkerParameters.paper();
    if (base.constellation() instanceof WalkerConstellation w) {
      wp = w.parameters();
    }
    List<Row> rows = new ArrayList<>();
    timeOne(scenarioFor(base, wp, sizes.get(0)), samples);
    for (int[] s : sizes) {
      Scenario sc = scenarioFor(base, wp, s);
      double bestPlan = Double.POSITIVE_INFINITY;
      double bestEval = Double.POSITIVE_INFINITY;
      double bestJoint = Double.POSITIVE_INFINITY;
      for (int i = 0; i < repeats; i++) {
        double[] t = timeOne(sc, samples);
        bestPlan = Math.min(bestPlan, t[0]);
        bestEval = Math.min(bestEval, t[1]);
        bestJoint = Math.min(bestJoint, t[2]);
      }
      int n = sc.constellation().size();
      double perSat = bestPlan / n;
      Row first = rows.isEmpty() ? null : rows.get(0);
      rows.add(new Row(s[0] + "x" + s[1], n, bestPlan, bestEval, samples, perSat,
          first == null ? 1 : bestPlan / first.planMs(), first == null ? 1 : (double) n / first.satellites(),
          bestJoint));
      log.accept(String.format("%-8s %6d satellites: plan %8.0f ms, evaluate %8.0f ms, joint plan %8.0f ms",
          s[0] + "x" + s[1], n, bestPlan, bestEval, bestJoint));
    }
    return rows;
  }

  private static Scenario scenarioFor(Scenario base, WalkerParameters wp, int[] size) {
    WalkerParameters p = wp.withSize(size[0], size[1]);
    return base.withConstellation(ConstellationSpecs.specOf(p), new WalkerConstellation(p));
  }

  /** {plan ms, evaluate ms, joint plan ms} with a fresh network (no cached snapshots). */
  private static double[] timeOne(Scenario sc, int samples) {
    long t0 = System.nanoTime();
    NetworkRealisations net = sc.network();
    PlacementResult r = RingLinearPlacement.spaceMoe().place(new PlanningContext(sc, net));
    long t1 = System.nanoTime();
    new TokenLatencyEvaluator(sc, net).evaluate(r.placement(), EvaluationSettings.forSamples(samples, sc.slots(), sc.seed()));
    long t2 = System.nanoTime();
    double jointMs = Double.NaN;
    if (sc.constellation().size() <= JOINT_MAX_SATELLITES) {
      // joint starts from the spacemoe plan just made (same network, its snapshots already built): plan + search
      JointPlacement.joint().optimise(new PlanningContext(sc, net), r);
      jointMs = (t1 - t0) / 1e6 + (System.nanoTime() - t2) / 1e6;
    }
    return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, jointMs};
  }
}
