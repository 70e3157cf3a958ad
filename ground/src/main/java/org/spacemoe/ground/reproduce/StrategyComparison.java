package org.spacemoe.ground.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.placement.Placement;
import org.spacemoe.ground.placement.PlacementResult;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.RandomPlacements;
import org.spacemoe.ground.placement.RingLinearPlacement;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.routing.NetworkRealisations;

/**
 * Plans the paper's four strategies on one scenario and evaluates them on the same realisations and top-k
 * draws. Each random baseline is drawn {@code randomPlans} times (seeds seed+1, seed+2, ...) and its token
 * samples pooled, so one lucky or unlucky draw does not decide the comparison.
 */
public final class StrategyComparison {
  public static final List<String> STRATEGIES = List.of("rand-place", "rand-intra", "rand-intra-cg", "spacemoe");

  private StrategyComparison() {}

  public static ConfigurationResult run(Scenario sc, int samples, int randomPlans, IntConsumer progress) {
    NetworkRealisations net = sc.network();
    PlacementResult spacemoe = RingLinearPlacement.spaceMoe().place(new PlanningContext(sc, net));
    List<Placement> placements = new ArrayList<>();
    for (int i = 1; i <= randomPlans; i++) {
      PlanningContext ctx = new PlanningContext(sc.withSeed(sc.seed() + i), net);
      placements.add(RandomPlacements.randPlace().place(ctx).placement());
      placements.add(RandomPlacements.randIntra().place(ctx).placement());
      placements.add(RandomPlacements.randIntraCg().place(ctx).placement());
    }
    placements.add(spacemoe.placement());
    EvaluationSettings settings = EvaluationSettings.forSamples(samples, sc.slots(), sc.seed());
    List<LatencyReport> reports = new TokenLatencyEvaluator(sc, net).evaluateAll(placements, settings, progress);
    List<LatencyReport> ordered = new ArrayList<>();
    for (String name : STRATEGIES) {
      reports.stream().filter(r -> r.strategy().equals(name)).findFirst().ifPresent(ordered::add);
    }
    return new ConfigurationResult(ordered, spacemoe);
  }

  /** Realisations one {@link #run} goes through (for progress bars). */
  public static int realisations(Scenario sc, int samples) {
    return EvaluationSettings.forSamples(samples, sc.slots(), sc.seed()).realisations();
  }
}
