package org.spacemoe.ground.cli;

import org.spacemoe.shared.cli.JsonReportWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.replan.MigrationLink;
import org.spacemoe.ground.replan.Replanner;
import org.spacemoe.ground.replan.ShardMove;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.stats.ActivationStatistics;
import org.spacemoe.shared.stats.ActivationStatisticsSpecs;
import org.spacemoe.shared.cli.Progress;
import org.spacemoe.shared.cli.QuietOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replan}: a new plan for new statistics and/or a later epoch of the orbit, migrating only when the gain
 * beats the cost of moving shards.
 */
@Command(name = "replan", mixinStandardHelpOptions = true,
    description = {"Re-plans for new expert activation statistics and/or a later epoch of the orbit; migrates only when it pays.",
        "Computes the current plan's strategy for the new conditions and evaluates both plans in one run under them;",
        "the current plan is evaluated as it stands, at the new epoch and under the new statistics.",
        "Lists the shard moves; each costs bytes / link rate, the time the moved experts are unavailable.",
        "Migrates when the decoding time saved over --horizon-s beats that time, else keeps the plan and says why.",
        "--out gets the plan to fly: the new one (plan version + 1) or the current one."})
final class ReplanCommand implements Callable<Integer> {
  @Option(names = "--current", paramLabel = "FILE", required = true, description = "the plan flying now (JSON)")
  Path current;

  @Option(names = "--stats", paramLabel = "FILE",
      description = "new activation statistics: what `stats` writes, or an SGLang expert distribution dump (JSON); "
          + "default: the current plan's recorded expertShares (then --epoch-s is required)")
  String stats;

  @Option(names = "--epoch-s", paramLabel = "S",
      description = "plan for the orbit starting this many seconds after the constellation epoch (TLE: the latest "
          + "TLE epoch); default: the current plan's epoch")
  Double epochS;

  @Option(names = "--horizon-s", paramLabel = "S", defaultValue = "3600",
      description = "how long the new conditions are expected to hold, s (default: ${DEFAULT-VALUE})")
  double horizonS;

  @Option(names = "--move-via", paramLabel = "LINK", defaultValue = "uplink",
      description = "uplink (from the ground, one shard after another) | isl (copied from a current host, in parallel) (default: ${DEFAULT-VALUE})")
  String moveVia;

  @Option(names = "--uplink-rate-mbps", paramLabel = "MBPS", defaultValue = "100",
      description = "ground-to-satellite uplink rate, Mbit/s (default: ${DEFAULT-VALUE})")
  double uplinkMbps;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "2000", description = "token samples per plan (default: ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "where to write the plan to fly")
  Path out;

  @Option(names = "--report", paramLabel = "FILE", description = "where to write the JSON report")
  Path report;

  @Mixin QuietOption quiet;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Checks.positive("--horizon-s", horizonS);
    Checks.positive("--uplink-rate-mbps", uplinkMbps);
    MigrationLink link = MigrationLink.parse(moveVia);
    if (stats == null && epochS == null) {
      throw new InvalidInputException("replan", "nothing changes: give new statistics (--stats), a later epoch "
          + "(--epoch-s), or both");
    }
    if (epochS != null && !(epochS >= 0 && epochS < Double.POSITIVE_INFINITY)) {
      throw new InvalidInputException("--epoch-s", "must be a finite number of seconds >= 0, got " + epochS);
    }
    PlacementPlan plan = PlanJson.read(current);
    ActivationStatistics newStats = stats == null ? null
        : ActivationStatisticsSpecs.parse(stats, PlanScenario.model(plan, current.toString()));
    Scenario sc = PlanScenario.of(plan, current.toString(), newStats);
    Placement placement = Placement.fromPlan(plan, sc.constellation(), current.toString());
    Scenario next = epochS == null ? sc : sc.withEpochS(epochS);
    EvaluationSettings settings = EvaluationSettings.forSamples(samples, sc.slots(), sc.seed());
    Replanner.Outcome o;
    try (Progress progress = quiet.progress("replan", settings.realisations())) {
      o = Replanner.replan(placement, next, horizonS, link, uplinkMbps * 1e6, settings, i -> progress.step());
    }
    PlacementPlan chosen = o.decision().migrate() ? o.proposed().toPlan(next, plan.planVersion() + 1) : plan;
    PlanJson.write(chosen, out);
    PrintWriter w = spec.commandLine().getOut();
    w.printf("replan of %s v%d (epoch %.0f s) under %s at epoch %.0f s (%d token samples per plan, horizon %.0f s, "
        + "moves via %s)%n", plan.strategy(), plan.planVersion(), plan.inputs().epochSOrZero(), next.stats().source(),
        next.epochS(), settings.tokens(), horizonS, link.name().toLowerCase(java.util.Locale.ROOT));
    LatencyTable.print(w, List.of(o.currentReport(), o.proposedReport()));
    w.printf("shard moves: %d (%.1f MB), migration time (moved experts unavailable): %.3f s%n",
        o.migration().moves().size(), o.migration().bytes() / 1e6, o.migration().unavailableS());
    int shown = 0;
    for (ShardMove m : o.migration().moves()) {
      if (shown++ == 10) {
        w.printf("  ... and %d more%n", o.migration().moves().size() - 10);
        break;
      }
      w.printf("  layer %d %s -> %s (from %s, %.3f s)%n", m.layer(), m.expert() < 0 ? "gateway" : "expert " + m.expert(),
          m.to(), m.from(), m.transferS());
    }
    w.printf("%s%n", o.decision().reason());
    w.printf("wrote %s (plan v%d)%n", out, chosen.planVersion());
    if (report != null) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("current", Map.of("file", current.getFileName().toString(), "strategy", plan.strategy(),
          "planVersion", plan.planVersion(), "epochS", plan.inputs().epochSOrZero()));
      json.put("stats", next.stats().source());
      json.put("statsChanged", newStats != null);
      json.put("epochS", next.epochS());
      json.put("settings", settings);
      json.put("decision", o.decision());
      json.put("migration", o.migration());
      // names kept from the statistics-only replan; "new stats" = the new conditions (statistics and/or epoch)
      json.put("currentUnderNewStats", o.currentReport());
      json.put("proposedUnderNewStats", o.proposedReport());
      json.put("assumptions", next.describe());
      JsonReportWriter.write(report, json);
      w.printf("wrote %s%n", report);
    }
    w.flush();
    return 0;
  }
}
