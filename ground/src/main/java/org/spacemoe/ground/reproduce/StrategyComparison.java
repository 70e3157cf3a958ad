package org.spacemoe.ground.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlacementResult;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.RandomPlacements;
import org.spacemoe.ground.placement.RingLinearPlacement;
import org.spacemoe.ground.placement.joint.JointPlacement;
import org.spacemoe.ground.placement.joint.JointResult;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.routing.NetworkRealisations;

/**
 * Plans the paper's four strategies and {@code joint} on one scenario and evaluates them on the same realisations and top-k
 * draws. Each random baseline is drawn {@code randomPlans} times (seeds seed+1, seed+2, ...) and its token
 * samples pooled, so one lucky or unlucky draw does not decide the comparison.
 */
public final class StrategyComparison {
  public static final List<String> STRATEGIES = List.of("rand-place", "rand-intra", "rand-intra-cg", "spacemoe", "joint");

  private StrategyComparison() {}

  public static ConfigurationResult run(Scenario sc, int samples, int randomPlans, IntConsumer progress) {
    NetworkRealisations net = sc.network();
    PlanningContext planning = new PlanningContext(sc, net);
    PlacementResult spacemoe = RingLinearPlacement.spaceMoe().place(planning);
    JointResult joint = JointPlacement.joint().optimise(planning, spacemoe);
    List<Placement> placements = new ArrayList<>();
    for (int i = 1; i <= randomPlans; i++) {
      PlanningContext ctx = new PlanningContext(sc.withSeed(sc.seed() + i), net);
      placements.add(RandomPlacements.randPlace().place(ctx).placement());
      placements.add(RandomPlacements.randIntra().place(ctx).placement());
      placements.add(RandomPlacements.randIntraCg().place(ctx).placement());
    }
    placements.add(spacemoe.placement());
    placements.add(joint.result().placement());
    EvaluationSettings settings = EvaluationSettings.forSamples(samples, sc.slots(), sc.seed());
    List<LatencyReport> reports = new TokenLatencyEvaluator(sc, net).evaluateAll(placements, settings, progress);
    List<LatencyReport> ordered = new ArrayList<>();
    for (String name : STRATEGIES) {
      reports.stream().filter(r -> r.strategy().equals(name)).findFirst().ifPresent(ordered::add);
    }
    return new ConfigurationResult(ordered, spacemoe, joint);
  }

  /** spacemoe and joint only, on the same realisations and draws (the joint acceptance check). */
  public static ConfigurationResult spacemoeVsJoint(Scenario sc, int samples, IntConsumer progress) {
    NetworkRealisations net = sc.network();
    PlanningContext planning = new PlanningContext(sc, net);
    PlacementResult spacemoe = RingLinearPlacement.spaceMoe().place(planning);
    JointResult joint = JointPlacement.joint().optimise(planning, spacemoe);
    EvaluationSettings settings = EvaluationSettings.forSamples(samples, sc.slots(), sc.seed());
    List<LatencyReport> reports = new TokenLatencyEvaluator(sc, net).evaluateAll(
        List.of(spacemoe.placement(), joint.result().placement()), settings, progress);
    return new ConfigurationResult(reports, spacemoe, joint);
  }

  /** Realisations one {@link #run} goes through (for progress bars). */
  public static int realisations(Scenario sc, int samples) {
    return EvaluationSettings.forSamples(samples, sc.slots(), sc.seed()).realisations();
  }
}
