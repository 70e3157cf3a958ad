package org.spacemoe.ground.cli;

import org.spacemoe.shared.cli.JsonReportWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spacemoe.ground.bench.ScalingBenchmark;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.input.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: planning and evaluation time as the constellation grows. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measures planning and evaluation time as the constellation grows.",
        "Times a full spacemoe plan (expected path latencies over all slots), an evaluation and (up to 2,000",
        "satellites) a joint plan per Walker size,",
        "and prints the scaling relative to the smallest size measured in the same run."})
final class BenchCommand implements Callable<Integer> {
  @Mixin ScenarioOptions scenario;

  @Option(names = "--sizes", paramLabel = "PxS,...", defaultValue = "24x24,33x32,50x50,70x70,100x100",
      split = ",", description = "constellation sizes, planes x satellites per plane (default: ${DEFAULT-VALUE})")
  List<String> sizes;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "2000", description = "token samples per evaluation (default: ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--repeats", paramLabel = "N", defaultValue = "2", description = "runs per size, best counts (default: ${DEFAULT-VALUE})")
  int repeats;

  @Option(names = "--planner", paramLabel = "region|whole", defaultValue = "region",
      description = "region: search only near each gateway (the same plan, checked exact, the search widened when"
          + " not); whole: route over every satellite (default: ${DEFAULT-VALUE})")
  String planner;

  @Option(names = "--out", paramLabel = "FILE.json", description = "write the figures as JSON")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<int[]> parsed = new ArrayList<>();
    for (String s : sizes) {
      String[] pq = s.trim().toLowerCase().split("x");
      try {
        if (pq.length != 2) {
          throw new NumberFormatException();
        }
        parsed.add(new int[] {Integer.parseInt(pq[0]), Integer.parseInt(pq[1])});
      } catch (NumberFormatException e) {
        throw new InvalidInputException("--sizes", "expected PLANESxSATS such as 33x32, got '" + s + "'");
      }
    }
    org.spacemoe.shared.input.Checks.positive("--repeats", repeats);
    ScalingBenchmark.Planner chosen = parsePlanner(planner);
    Scenario base = scenario.toScenario();
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    err.printf("bench: %d sizes, %d slots, %d samples, best of %d (after one warm-up)%n", parsed.size(),
        base.slots(), samples, repeats);
    err.flush();
    List<ScalingBenchmark.Row> rows = ScalingBenchmark.run(base, parsed, samples, repeats, chosen, l -> {
      err.println("  " + l);
      err.flush();
    });
    o.printf("%-9s %10s %10s %12s %14s %12s %12s %14s%n", "size", "satellites", "plan ms", "evaluate ms", "plan us/sat",
        "plan x", "sats x", "joint plan ms");
    for (ScalingBenchmark.Row r : rows) {
      o.printf("%-9s %10d %10.0f %12s %14.1f %12.2f %12.2f %14s%n", r.size(), r.satellites(), r.planMs(),
          Double.isNaN(r.evaluateMs()) ? "-" : String.format("%.0f", r.evaluateMs()),
          r.planMsPerSatellite() * 1000, r.planScalingVsFirst(), r.satelliteRatioVsFirst(),
          Double.isNaN(r.jointPlanMs()) ? "-" : String.format("%.0f", r.jointPlanMs()));
    }
    o.printf("plan = ISL graphs of %d slots + expected gateway latencies over them + sorted assignment + Hungarian check;%n"
        + "'plan x' and 'sats x' are ratios to the first size measured in this run (%d cores);%n"
        + "joint plan = that plan + joint's search, timed up to %d satellites;%n"
        + "planner: %s; evaluate (whole-constellation routing) timed up to %d satellites, '-' above.%n", base.slots(),
        Runtime.getRuntime().availableProcessors(), ScalingBenchmark.JOINT_MAX_SATELLITES,
        chosen == ScalingBenchmark.Planner.REGION ? "region (searches near each gateway, same plan as whole)"
            : "whole constellation", ScalingBenchmark.EVALUATE_MAX_SATELLITES);
    if (out != null) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("slots", base.slots());
      json.put("samples", samples);
      json.put("cores", Runtime.getRuntime().availableProcessors());
      json.put("planner", chosen.name().toLowerCase(java.util.Locale.ROOT));
      json.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
      json.put("rows", rows);
      JsonReportWriter.write(out, json);
      o.printf("wrote %s%n", out);
    }
    o.flush();
    return 0;
  }

  static ScalingBenchmark.Planner parsePlanner(String value) {
    for (ScalingBenchmark.Planner p : ScalingBenchmark.Planner.values()) {
      if (p.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
        return p;
      }
    }
    throw new InvalidInputException("--planner", "expected region or whole, got '" + value + "'");
  }
}
