package org.spacemoe.ground.replan;

import java.util.List;
import java.util.function.IntConsumer;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.placement.GatewayStandbys;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlacementStrategy;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Strategies;
import org.spacemoe.ground.placement.replicas.ReplicaPlanner;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.stats.ActivationStatistics;

/**
 * Re-plans a placement for new conditions (new activation statistics, a later epoch of the orbit, or both): the
 * current plan's strategy (and as many extra copies as it has) computed on the new scenario, both plans evaluated
 * by one evaluator run under the new scenario (same realisations and top-k draws), the shard moves between them,
 * and the decision.
 */
public final class Replanner {
  private Replanner() {}

  /** What {@link #replan} found. */
  public record Outcome(Placement current, Placement proposed, LatencyReport currentReport, LatencyReport proposedReport,
      MigrationPlan migration, ReplanDecision decision) {
    /** The plan to fly: the proposed one when migrating, else the current one. */
    public Placement chosen() {
      return decision.migrate() ? proposed : current;
    }
  }

  /**
   * @param scenario the current plan's scenario
   * @param current the current placement
   * @param newStats the new activation statistics
   */
  public static Outcome replan(Scenario scenario, Placement current, ActivationStatistics newStats, double horizonS,
      MigrationLink link, double uplinkBitsPerS, EvaluationSettings settings, IntConsumer progress) {
    return replan(current, scenario.withStats(newStats), horizonS, link, uplinkBitsPerS, settings, progress);
  }

  /**
   * Re-plans for a new scenario of the same constellation and model (new statistics and/or a later
   * {@link Scenario#epochS()}); the current placement is evaluated under {@code next} as it stands.
   *
   * @param current the current placement
   * @param next the conditions to plan and evaluate for
   * @param horizonS how long {@code next} is expected to hold, s
   */
  public static Outcome replan(Placement current, Scenario next, double horizonS, MigrationLink link,
      double uplinkBitsPerS, EvaluationSettings settings, IntConsumer progress) {
    String base = current.strategy().replace("+replicas", "");
    PlacementStrategy strategy = Strategies.byName(isKnown(base) ? base : "spacemoe");
    PlanningContext ctx = new PlanningContext(next);
    Placement proposed = strategy.place(ctx).placement();
    int extra = extraCopies(current);
    if (extra > 0) {
      int cells = current.layers() * current.expertHosts()[0].length;
      proposed = ReplicaPlanner.add(ctx, proposed, extra / (double) cells, 0.01, strategy.name() + "+replicas")
          .placement();
    }
    if (current.hasStandbys()) {
      proposed = GatewayStandbys.assign(ctx, proposed); // a plan with standby gateways keeps them
    }
    proposed = new Placement(proposed.strategy() + " (proposed)", proposed.subnets(), proposed.gateways(),
        proposed.expertHosts()).withStandbys(proposed.standbys());
    Placement currentNamed = new Placement(current.strategy() + " (current)", current.subnets(), current.gateways(),
        current.expertHosts()).withStandbys(current.standbys());
    List<LatencyReport> r = new TokenLatencyEvaluator(next).evaluateAll(List.of(currentNamed, proposed), settings,
        progress);
    MigrationPlan migration = MigrationPlan.between(current, proposed, next, link, uplinkBitsPerS);
    ReplanDecision d = ReplanDecision.decide(r.get(0).meanTokenLatencyS(), r.get(1).meanTokenLatencyS(), horizonS,
        migration);
    Placement proposedPlain = new Placement(proposed.strategy().replace(" (proposed)", ""), proposed.subnets(),
        proposed.gateways(), proposed.expertHosts()).withStandbys(proposed.standbys());
    return new Outcome(current, proposedPlain, r.get(0), r.get(1), migration, d);
  }

  private static boolean isKnown(String name) {
    for (String n : Strategies.names()) {
      if (n.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static int extraCopies(Placement p) {
    int extra = 0;
    for (int[][] layer : p.expertHosts()) {
      for (int[] hosts : layer) {
        extra += hosts.length - 1;
      }
    }
    return extra;
  }
}
