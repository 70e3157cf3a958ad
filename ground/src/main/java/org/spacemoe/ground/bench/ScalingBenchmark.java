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
import org.spacemoe.ground.placement.region.RegionRingPlanner;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.WalkerConstellation;
import org.spacemoe.shared.constellation.WalkerParameters;
import org.spacemoe.shared.routing.NetworkRealisations;

/**
 * Wall-clock time of a full {@code spacemoe} plan (ISL graphs of every slot, expected gateway latencies
 * over all slots, sorted assignment and its Hungarian check; by default computed from searches near each gateway,
 * {@link RegionRingPlanner}), of an evaluation (up to {@value #EVALUATE_MAX_SATELLITES} satellites) and (up to
 * {@value #JOINT_MAX_SATELLITES} satellites) of a {@code joint} plan, as the constellation grows.
 * Each size runs {@code repeats} times after one warm-up of the smallest size; the best run counts.
 */
public final class ScalingBenchmark {
  /** {@code joint} is timed up to this many satellites (its path table grows with them; NaN above). */
  public static final int JOINT_MAX_SATELLITES = 2_000;

  /**
   * Evaluations are timed up to this many satellites (NaN above): the evaluator routes every realisation over the
   * whole constellation, 200 slot snapshots of 4 million links at 1,000,000 satellites.
   */
  public static final int EVALUATE_MAX_SATELLITES = 200_000;

  /** Which planner the bench times. */
  public enum Planner {
    /** {@link RegionRingPlanner}: the same plan, computed from searches near each gateway. */
    REGION,
    /** {@link RingLinearPlacement#place} over every satellite. */
    WHOLE
  }

  /**
   * One size's timings, ms.
   *
   * @param jointPlanMs a full {@code joint} plan: the spacemoe plan it starts from plus its search (NaN above
   *     {@link #JOINT_MAX_SATELLITES})
   */
  public record Row(String size, int satellites, double planMs, double evaluateMs, int samples,
      double planMsPerSatellite, double planScalingVsFirst, double satelliteRatioVsFirst, double jointPlanMs) {}

  private ScalingBenchmark() {}

  public static List<Row> run(Scenario base, List<int[]> sizes, int samples, int repeats, Planner planner,
      Consumer<String> log) {
    WalkerParameters wp = WalkerParameters.paper();
    if (base.constellation() instanceof WalkerConstellation w) {
      wp = w.parameters();
    }
    List<Row> rows = new ArrayList<>();
    timeOne(scenarioFor(base, wp, sizes.get(0)), samples, planner, l -> {});
    for (int[] s : sizes) {
      log.accept(s[0] + "x" + s[1] + ": building the constellation");
      Scenario sc = scenarioFor(base, wp, s);
      double bestPlan = Double.POSITIVE_INFINITY;
      double bestEval = Double.POSITIVE_INFINITY;
      double bestJoint = Double.POSITIVE_INFINITY;
      for (int i = 0; i < repeats; i++) {
        log.accept(s[0] + "x" + s[1] + ": run " + (i + 1) + " of " + repeats);
        double[] t = timeOne(sc, samples, planner, log);
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
  private static double[] timeOne(Scenario sc, int samples, Planner planner, Consumer<String> log) {
    long t0 = System.nanoTime();
    NetworkRealisations net = sc.network();
    PlanningContext ctx = new PlanningContext(sc, net);
    PlacementResult r = planner == Planner.REGION
        ? new RegionRingPlanner(RingLinearPlacement.spaceMoe()).place(ctx, log).result()
        : RingLinearPlacement.spaceMoe().place(ctx);
    long t1 = System.nanoTime();
    double evaluateMs = Double.NaN;
    if (sc.constellation().size() <= EVALUATE_MAX_SATELLITES) {
      new TokenLatencyEvaluator(sc, net).evaluate(r.placement(),
          EvaluationSettings.forSamples(samples, sc.slots(), sc.seed()));
      evaluateMs = (System.nanoTime() - t1) / 1e6;
    }
    long t2 = System.nanoTime();
    double jointMs = Double.NaN;
    if (sc.constellation().size() <= JOINT_MAX_SATELLITES) {
      // joint starts from the spacemoe plan just made (same network): plan + search
      JointPlacement.joint().optimise(new PlanningContext(sc, net), r);
      jointMs = (t1 - t0) / 1e6 + (System.nanoTime() - t2) / 1e6;
    }
    return new double[] {(t1 - t0) / 1e6, evaluateMs, jointMs};
  }
}
