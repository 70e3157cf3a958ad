package org.spacemoe.ground.cli;

import org.spacemoe.shared.cli.JsonReportWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spacemoe.ground.draw.PlacementMapRenderer;
import org.spacemoe.ground.charts.AvailabilityChart;
import org.spacemoe.ground.reproduce.DeviceRegime;
import org.spacemoe.ground.reproduce.ReplicaFailureSweep;
import org.spacemoe.ground.reproduce.ReproduceCharts;
import org.spacemoe.ground.reproduce.ReproduceExperiment;
import org.spacemoe.ground.reproduce.ReproduceReport;
import org.spacemoe.ground.reproduce.ReproduceSettings;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.cli.Progress;
import org.spacemoe.shared.cli.QuietOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reproduce}: the paper's experiment and sweeps. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
    description = {"Reproduces the SpaceMoE paper's experiment and its sweeps.",
        "Runs rand-place, rand-intra, rand-intra-cg, spacemoe and joint on the paper's constellation, on each of the",
        "paper's computers (rad5545, sbc-2a72, ix10: where the paper's >= 3x speed-up holds), then sweeps over",
        "altitude, constellation size, link survival and tracking limit; then checks joint against spacemoe at link",
        "survival 0.9 and against the exact optimum of its (unsplit) objective on a small instance. joint splits layers",
        "tensor-parallel where it pays (up to 4 satellites); joint-unsplit shows it without, and joint with extra expert copies spent on its objective (joint+replicas, budgets 0.25 and 1.0 of layers x experts).",
        "Writes DIR/reproduce.json, DIR/*.png charts, the spacemoe and joint plans and the spacemoe map; prints a table."})
final class ReproduceCommand implements Callable<Integer> {
  @Mixin ScenarioOptions scenario;

  @Option(names = "--quick", description = "fewer slots, samples and sweep points (under a minute)")
  boolean quick;

  @Option(names = "--samples", paramLabel = "N", description = "token samples per strategy and configuration (default: 4000, quick: 800)")
  Integer samples;

  @Option(names = "--random-plans", paramLabel = "N", description = "random draws pooled per baseline (default: 5, quick: 3)")
  Integer randomPlans;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory")
  Path out;

  @Mixin QuietOption quiet;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ReproduceSettings s = quick ? ReproduceSettings.quick() : ReproduceSettings.full();
    if (spec.commandLine().getParseResult().hasMatchedOption("--slots")) {
      s = new ReproduceSettings(scenario.slots, s.samples(), s.randomPlans(), s.altitudesKm(), s.sizes(),
          s.linkSurvivals(), s.trackingLimitsRadPerS());
    }
    if (samples != null) {
      s = new ReproduceSettings(s.slots(), samples, s.randomPlans(), s.altitudesKm(), s.sizes(), s.linkSurvivals(),
          s.trackingLimitsRadPerS());
    }
    if (randomPlans != null) {
      s = new ReproduceSettings(s.slots(), s.samples(), randomPlans, s.altitudesKm(), s.sizes(), s.linkSurvivals(),
          s.trackingLimitsRadPerS());
    }
    org.spacemoe.shared.input.Checks.positive("--samples", s.samples());
    org.spacemoe.shared.input.Checks.positive("--random-plans", s.randomPlans());
    Scenario base = scenario.toScenario();
    ReproduceExperiment exp = new ReproduceExperiment(base, s);
    PrintWriter o = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    ReproduceExperiment.Result result;
    if (!quiet.quiet()) {
      spec.commandLine().getErr().printf("reproduce: %d configurations x 5 strategies, %d slots, %d samples each%n",
          exp.configurations(), s.slots(), s.samples());
      spec.commandLine().getErr().flush();
    }
    try (Progress p = quiet.progress("reproduce", exp.totalRealisations())) {
      result = exp.run(i -> p.step(), p::message);
    }
    List<Double> budgets = quick ? ReplicaFailureSweep.QUICK_BUDGETS : ReplicaFailureSweep.BUDGETS;
    List<Double> failures = quick ? ReplicaFailureSweep.QUICK_FAILURES : ReplicaFailureSweep.FAILURES;
    ReplicaFailureSweep.Result replicas;
    try (Progress p = quiet.progress("replicas x failures",
        (long) failures.size() * ReplicaFailureSweep.realisations(exp.baseScenario(), s.samples()))) {
      replicas = ReplicaFailureSweep.run(exp.baseScenario(), budgets, failures, s.samples(), i -> p.step());
    }
    Files.createDirectories(out);
    Map<String, Object> json = ReproduceReport.toJson(exp, s, result, quick);
    json.put("replicasAndFailures", replicas);
    JsonReportWriter.write(out.resolve("reproduce.json"), json);
    List<Path> charts = new java.util.ArrayList<>(
        ReproduceCharts.write(result, exp.baseScenario().constellation().id(), out));
    Path availabilityPng = out.resolve("sweep-replicas-availability.png");
    AvailabilityChart.writePng("spacemoe token availability vs replica budget, per satellite failure probability q",
        "replica budget (extra expert copies / (layers x experts))",
        budgets.stream().mapToDouble(Double::doubleValue).toArray(), ReplicaFailureSweep.series(replicas),
        availabilityPng);
    charts.add(availabilityPng);
    PlacementPlan plan = result.base().spacemoe().placement().toPlan(exp.baseScenario(), 1);
    PlanJson.write(plan, out.resolve("spacemoe-plan.json"));
    PlanJson.write(result.base().joint().result().placement().toPlan(exp.baseScenario(), 1), out.resolve("joint-plan.json"));
    PlacementMapRenderer.writePng(plan, exp.baseScenario().constellation(), 0, out.resolve("spacemoe-map.png"));

    o.printf("%nPer-token latency on %s, %s, %s, stats %s (%d samples per strategy)%n",
        exp.baseScenario().constellation().id(), exp.baseScenario().model().name(), exp.baseScenario().device().name(),
        exp.baseScenario().stats().source(), s.samples());
    LatencyTable.print(o, result.base().reports());
    o.printf("paper (reported):  rand-place ~5.3 s, rand-intra ~4.15 s, rand-intra-cg ~3.35 s, spacemoe ~1.05 s%n");
    double hopMs = result.base().reports().isEmpty() ? 0 : result.base().reports().get(0).meanOverheadS() * 1e3;
    o.printf("hop overhead: %s%n", hopMs == 0 ? "0 ms per frame hop (the paper's model has no software cost per hop)"
        : String.format(java.util.Locale.ROOT, "%.3f ms per token on the critical path (--hop-overhead-ms given: not "
            + "the paper's model)", hopMs));
    result.base().ratios().forEach((k, v) -> o.printf("%-24s %.2f%n", k, v));
    o.printf("ordering rand-place > rand-intra > rand-intra-cg > spacemoe: %s%n",
        result.base().paperOrderingHolds() ? "holds" : "DOES NOT HOLD");
    o.printf("sorted matching equals optimal assignment: %s%n", result.base().spacemoe().sortedEqualsOptimal());
    printPerDevice(o, result.perDevice());
    var jc = result.jointCheck();
    var ex = result.exactCheck();
    o.printf("joint: objective %.4f s -> %.4f s (%.1f%% lower), mean %.1f%% below spacemoe; at link survival %s mean %.4f"
        + " vs %.4f s, p99 %.4f vs %.4f s (spacemoe); exact check on %s: gap %.2f%% (joint %.4f s, optimum %.4f s)%n",
        result.base().joint().startObjectiveS(), result.base().joint().objectiveS(),
        result.base().joint().improvementPercent(), 100 * (1 - result.base().mean("joint") / result.base().mean("spacemoe")),
        ReproduceExperiment.JOINT_CHECK_LINK_SURVIVAL, jc.mean("joint"), jc.mean("spacemoe"), jc.p99("joint"),
        jc.p99("spacemoe"), ex.constellation(), ex.gapPercent(), ex.jointS(), ex.optimumS());
    var tp = result.tensorParallel();
    o.printf("tensor-parallel layers: joint %.4f s = %.2fx spacemoe's %.4f s (<= 0.90x: %s); joint without splits"
        + " %.4f s = %.2fx; widths per layer %s, LM head %d%n", tp.jointMeanS(), tp.jointOverSpacemoe(),
        tp.spacemoeMeanS(), tp.atMostNinetyPercentOfSpacemoe() ? "yes" : "no", tp.unsplit().meanTokenLatencyS(),
        tp.unsplitOverSpacemoe(), java.util.Arrays.toString(tp.attentionWidths()), tp.headWidth());
    for (var jr : result.jointReplicas()) {
      o.printf("joint+replicas (budget %.2f of layers x experts = %d copies; %d placed by joint's objective, %d of them"
          + " on their layer's gateway, the rest on satellites with no role): mean %.4f s, %.3fx joint's %.4f s, %.3fx"
          + " spacemoe's %.4f s (same draws)%n",
          jr.replicaBudget(), jr.budgetCopies(), jr.copies(), jr.copiesOnGateways(),
          jr.jointReplicas().meanTokenLatencyS(), jr.overJoint(),
          jr.jointMeanS(), jr.overSpacemoe(), jr.spacemoeMeanS());
    }
    o.printf("joint: no unsplit plan (ring subnets, one whole gateway, one expert per satellite) can go below %.4f s on its"
        + " objective, %.1f%% below spacemoe's %.4f s%n", result.jointLowerBoundS(),
        100 * (1 - result.jointLowerBoundS() / result.base().joint().startObjectiveS()),
        result.base().joint().startObjectiveS());
    o.printf("%nSweeps (mean per-token latency, s):%n");
    for (Map.Entry<String, List<ReproduceExperiment.SweepPoint>> sw : result.sweeps().entrySet()) {
      o.printf("%s%n", sw.getKey());
      for (ReproduceExperiment.SweepPoint pt : sw.getValue()) {
        o.printf("  %-14s", pt.label());
        pt.strategies().forEach((name, sum) -> o.printf(" %s %.3f", name, sum.meanTokenLatencyS()));
        o.printf("%n");
      }
    }
    o.printf("%nReplicas and satellite failures (spacemoe; token availability sampled / expected, mean latency of completed tokens):%n");
    for (ReplicaFailureSweep.Row row : replicas.rows()) {
      o.printf("  q=%-9s", row.failureProbability());
      for (ReplicaFailureSweep.Point pt : row.points()) {
        o.printf(" r%.3f: %.4f/%.5f (%.3f s)", pt.replicaBudget(), pt.availability(), pt.expectedAvailability(),
            pt.meanTokenLatencyS());
      }
      o.printf("   bound with single gateways (1-q)^L: %.4f%n", row.gatewayBound());
    }
    o.printf("%nwrote %s, %d charts, spacemoe-plan.json, joint-plan.json, spacemoe-map.png in %.1f s%n", out.resolve("reproduce.json"),
        charts.size(), (System.nanoTime() - t0) / 1e9);
    o.flush();
    return 0;
  }

  /** Each strategy's mean on each of the paper's computers, with spacemoe's speed-up over the best baseline. */
  private static void printPerDevice(PrintWriter o, List<DeviceRegime.Row> rows) {
    o.printf("%nPer device (every satellite on it; mean per-token latency, s):%n");
    o.printf("%-10s %8s", "device", "GFLOP/s");
    org.spacemoe.ground.reproduce.StrategyComparison.STRATEGIES.forEach(st -> o.printf(" %13s", st));
    o.printf(" %8s %14s %s%n", "compute", "best baseline", "paper's >= 3x");
    for (DeviceRegime.Row r : rows) {
      o.printf("%-10s %8.1f", r.device(), r.gflops());
      org.spacemoe.ground.reproduce.StrategyComparison.STRATEGIES.forEach(
          st -> o.printf(" %13.4f", r.strategies().get(st).meanTokenLatencyS()));
      o.printf(" %7.0f%% %13.2fx %s%n", 100 * r.spacemoeComputeShare(), r.minBaselineOverSpacemoe(),
          r.paperSpeedupHolds() ? "holds" : "does not hold");
    }
    o.printf("(compute: spacemoe's compute share of its token; best baseline: the fastest baseline's mean over spacemoe's)%n");
  }
}
