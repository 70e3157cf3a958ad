package org.spacemoe.ground.cli;

import org.spacemoe.shared.cli.JsonReportWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spacemoe.ground.failures.SatelliteFailures;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: Monte Carlo per-token latency of a plan. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Predicts the per-token latency of a placement plan by Monte Carlo over time slots, link failures and top-k draws.",
        "Settings not given are taken from the plan. Prints a table and writes a JSON report."})
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--plan", paramLabel = "FILE", required = true, description = "placement plan JSON")
  Path planFile;

  @Option(names = "--report", paramLabel = "FILE", description = "where to write the JSON report")
  Path report;

  @Option(names = "--slots", paramLabel = "N", description = "time slots over one orbit (default: the plan's)")
  Integer slots;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "4000", description = "token samples (default: ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--link-survival", paramLabel = "P", description = "per-slot link survival probability (default: the plan's)")
  Double linkSurvival;

  @Option(names = "--tracking-limit", paramLabel = "RAD_PER_S", description = "ISL tracking limit, rad/s (default: the plan's)")
  Double trackingLimit;

  @Option(names = "--seed", paramLabel = "SEED", description = "seed of failures and top-k draws (default: the plan's)")
  Long seed;

  @Option(names = "--satellite-failure", paramLabel = "P", defaultValue = "0",
      description = "probability that a satellite's computer is down in a slot (no gateway, no expert; it still relays) (default: ${DEFAULT-VALUE})")
  double satelliteFailure;

  @Option(names = "--failed-satellites", paramLabel = "NAMES",
      description = "comma-separated satellites whose computers are down in every slot, e.g. p16s03,p17s03")
  String failedSatellites;

  @Option(names = "--hop-overhead-ms", paramLabel = "MS",
      description = "software time of one frame hop between satellites, ms (default: the plan's device's, 0 in plans "
          + "made without one)")
  Double hopOverheadMs;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PlacementPlan plan = PlanJson.read(planFile);
    Scenario sc = PlanScenario.of(plan, planFile.toString());
    if (slots != null) {
      sc = sc.withSlots(slots);
    }
    if (linkSurvival != null) {
      sc = sc.withLinkSurvival(linkSurvival);
    }
    if (trackingLimit != null) {
      sc = sc.withIslRules(IslRules.defaults().withTrackingLimit(Checks.positive("--tracking-limit", trackingLimit)));
    }
    if (seed != null) {
      sc = sc.withSeed(seed);
    }
    sc = ScenarioOptions.withHopOverhead(sc, hopOverheadMs);
    Placement placement = Placement.fromPlan(plan, sc.constellation(), planFile.toString());
    EvaluationSettings settings = EvaluationSettings.forSamples(samples, sc.slots(), sc.seed());
    SatelliteFailures failures = SatelliteFailures.parse(satelliteFailure, failedSatellites, sc.constellation(),
        sc.seed());
    // with standby gateways and failures, the same plan without its standbys on the same realisations and draws
    LatencyReport withoutStandby = null;
    LatencyReport r;
    TokenLatencyEvaluator evaluator = new TokenLatencyEvaluator(sc).withFailures(failures);
    if (placement.hasStandbys() && !failures.none()) {
      List<LatencyReport> both = evaluator.evaluateAll(List.of(placement,
          placement.withoutStandbys().named(plan.strategy() + " (no standby)")), settings, x -> {});
      r = both.get(0);
      withoutStandby = both.get(1);
    } else {
      r = evaluator.evaluate(placement, settings);
    }
    if (r.tokens() == 0 && r.failedTokens() > 0) {
      throw new InvalidInputException("--satellite-failure", "no token sample completed: all " + r.failedTokens()
          + " lost a gateway or every copy of a selected expert");
    }
    if (r.tokens() == 0) {
      throw new InvalidInputException(planFile.toString(), "every one of " + r.excludedTokens()
          + " token samples needs a path that does not exist even without link failures (check --tracking-limit)");
    }
    PrintWriter o = spec.commandLine().getOut();
    o.printf("%s plan v%d on %s: %d token samples over %d realisations%n", plan.strategy(), plan.planVersion(),
        sc.constellation().id(), settings.tokens(), settings.realisations());
    LatencyTable.print(o, List.of(r));
    o.printf("excluded samples (no path without failures): %d, path queries that waited for the next slot: %d, mean links up: %.1f%n",
        r.excludedTokens(), r.unreachableWaits(), r.meanUpLinks());
    if (!failures.none()) {
      if (withoutStandby == null) {
        o.printf("token availability %.5f: %d of %d samples completed (a gateway down or a selected expert without a live copy fails a token)%n",
            r.availability(), r.tokens(), r.tokens() + r.failedTokens());
      } else {
        o.printf("token availability %.5f with standby gateways: %d of %d samples completed (a gateway down with its standby,"
            + " or a selected expert without a live copy, fails a token)%n", r.availability(), r.tokens(),
            r.tokens() + r.failedTokens());
        o.printf("token availability %.5f without standby gateways (same failures and draws): %d of %d samples completed;"
            + " mean latency %.4f s%n", withoutStandby.availability(), withoutStandby.tokens(),
            withoutStandby.tokens() + withoutStandby.failedTokens(), withoutStandby.meanTokenLatencyS());
      }
    }
    if (report != null) {
      Map<String, Object> json = new LinkedHashMap<>();
      Map<String, Object> planInfo = new LinkedHashMap<>();
      planInfo.put("file", planFile.getFileName().toString());
      planInfo.put("strategy", plan.strategy());
      planInfo.put("planVersion", plan.planVersion());
      planInfo.put("constellationId", plan.constellationId());
      json.put("plan", planInfo);
      json.put("assumptions", sc.describe());
      json.put("settings", settings);
      json.put("satelliteFailures", failures.describe());
      json.put("report", r);
      if (withoutStandby != null) {
        Map<String, Object> sb = new LinkedHashMap<>();
        sb.put("standbyGateways", placement.layers());
        sb.put("availabilityWithStandby", r.availability());
        sb.put("availabilityWithoutStandby", withoutStandby.availability());
        sb.put("meanTokenLatencyWithoutStandbyS", withoutStandby.meanTokenLatencyS());
        sb.put("model", "a layer whose gateway is down runs on its standby when that is up, timed as if the standby"
            + " had always been the gateway (the one-time KV-cache replay is not modelled per token)");
        json.put("standby", sb);
      }
      JsonReportWriter.write(report, json);
      o.printf("wrote %s%n", report);
    }
    o.flush();
    return 0;
  }
}
