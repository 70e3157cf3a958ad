package org.spacemoe.ground.reproduce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.spacemoe.ground.failures.ExpectedAvailability;
import org.spacemoe.ground.failures.SatelliteFailures;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.RingLinearPlacement;
import org.spacemoe.ground.placement.replicas.ReplicaPlanner;
import org.spacemoe.ground.scenario.Scenario;

/**
 * Token availability and latency of {@code spacemoe} with replica budgets against satellite failure
 * probabilities. For each failure probability one evaluator run covers every budget (same realisations, failures
 * and top-k draws): the sampled availability, and the expected one computed by {@link ExpectedAvailability}
 * (which resolves failure rates too small to sample). Replicas are spent for {@link #DESIGN_FAILURE}. Also reports
 * the bound that no expert
 * replica can lift: every token needs all {@code L} gateways, so availability is at most {@code (1 - q)^L}.
 */
public final class ReplicaFailureSweep {
  /** Failure probability the replica copies are spent for. */
  public static final double DESIGN_FAILURE = 0.01;

  /** Replica budgets (extra copies / (layers x experts)) of the full and the quick run. */
  public static final List<Double> BUDGETS = List.of(0.0, 0.125, 0.25, 0.5, 1.0);
  public static final List<Double> QUICK_BUDGETS = List.of(0.0, 0.25, 0.5, 1.0);
  /** Satellite failure probabilities per slot of the full and the quick run. */
  public static final List<Double> FAILURES = List.of(0.00001, 0.0000125, 0.0001, 0.001, 0.01);
  public static final List<Double> QUICK_FAILURES = List.of(0.0000125, 0.001, 0.01);

  /** One plan at one failure probability. */
  public record Point(double replicaBudget, int extraCopies, double availability, double expectedAvailability,
      long failedTokens, long tokens, double meanTokenLatencyS, double p99TokenLatencyS) {}

  /** One failure probability: every budget, and the gateway bound. */
  public record Row(double failureProbability, double gatewayBound, List<Point> points) {}

  /** The sweep. */
  public record Result(List<Double> budgets, List<Row> rows, String definition) {}

  private ReplicaFailureSweep() {}

  /** Tokens per realisation: all tokens of a realisation share its failures, so availability needs many
   * realisations more than many tokens. */
  static final int TOKENS_PER_REALISATION = 4;

  public static int realisations(Scenario sc, int samples) {
    return settings(sc, samples).realisations();
  }

  static EvaluationSettings settings(Scenario sc, int samples) {
    int realisations = Math.max(Math.min(samples, sc.slots()), (samples + TOKENS_PER_REALISATION - 1) / TOKENS_PER_REALISATION);
    return new EvaluationSettings(realisations, (samples + realisations - 1) / realisations, sc.seed());
  }

  public static Result run(Scenario sc, List<Double> budgets, List<Double> failureProbabilities, int samples,
      IntConsumer progress) {
    PlanningContext ctx = new PlanningContext(sc);
    Placement base = RingLinearPlacement.spaceMoe().place(ctx).placement();
    List<Placement> plans = new ArrayList<>();
    List<Integer> copies = new ArrayList<>();
    for (double b : budgets) {
      String name = "spacemoe+r" + b;
      if (b == 0) {
        plans.add(new Placement(name, base.subnets(), base.gateways(), base.expertHosts()));
        copies.add(0);
      } else {
        ReplicaPlanner.Result r = ReplicaPlanner.add(ctx, base, b, DESIGN_FAILURE, name);
        plans.add(r.placement());
        copies.add(r.copies().size());
      }
    }
    EvaluationSettings settings = settings(sc, samples);
    List<Row> rows = new ArrayList<>();
    for (double q : failureProbabilities) {
      List<LatencyReport> reports = new TokenLatencyEvaluator(sc)
          .withFailures(new SatelliteFailures(q, new int[0], sc.seed()))
          .evaluateAll(plans, settings, progress);
      List<Point> pts = new ArrayList<>();
      for (int i = 0; i < plans.size(); i++) {
        LatencyReport r = reports.get(i);
        double expected = ExpectedAvailability.of(plans.get(i), sc.stats(), sc.model().topK(), q);
        pts.add(new Point(budgets.get(i), copies.get(i), r.availability(), expected, r.failedTokens(), r.tokens(),
            r.meanTokenLatencyS(), r.p99TokenLatencyS()));
      }
      rows.add(new Row(q, Math.pow(1 - q, sc.model().layers()), pts));
    }
    return new Result(List.copyOf(budgets), rows, "a token completes when every layer's gateway is up and every"
        + " selected expert has a live copy; a down satellite runs nothing for its slot and still relays;"
        + " replicas spent for " + DESIGN_FAILURE + " failures per satellite per slot");
  }

  /** Availability series per failure probability against the budget, for the chart. */
  public static Map<String, double[]> series(Result r) {
    Map<String, double[]> m = new LinkedHashMap<>();
    for (Row row : r.rows()) {
      m.put("q=" + row.failureProbability(), row.points().stream().mapToDouble(Point::availability).toArray());
    }
    return m;
  }
}
