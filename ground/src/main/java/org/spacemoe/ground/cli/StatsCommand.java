package org.spacemoe.ground.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spacemoe.ground.ops.ObservedStatistics;
import org.spacemoe.ground.ops.TelemetryCollector;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.stats.ActivationStatistics;
import org.spacemoe.shared.stats.ActivationStatisticsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stats}: observed expert activations, in the format {@code plan --stats} reads. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = {"Writes the expert activation statistics the satellites observed (their heartbeats) as a stats",
        "file that 'plan --stats FILE' reads: flight data back into planning. Only satellites of the plan that",
        "report running its version count."})
final class StatsCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin BrokerOptions broker;

  @Option(names = "--plan", required = true, paramLabel = "FILE", description = "the active plan (gives the shape [layers][experts])")
  Path planFile;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "stats JSON to write")
  Path out;

  @Option(names = "--prior", defaultValue = "1", description = "added to every count so unseen experts keep a share (default: ${DEFAULT-VALUE})")
  double prior;

  @Option(names = "--wait-ms", defaultValue = "1500", description = "how long to listen for heartbeats (default: ${DEFAULT-VALUE})")
  long waitMs;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Checks.nonNegative("--prior", prior);
    PlacementPlan plan = PlanJson.read(planFile);
    try (TelemetryCollector c = new TelemetryCollector(broker.connection())) {
      Thread.sleep(Math.max(0, waitMs));
      if (c.latest().isEmpty()) {
        throw new InvalidInputException("--broker", "no satellite heartbeat heard on " + broker.broker + " within " + waitMs + " ms");
      }
      java.util.Set<String> mine = org.spacemoe.shared.uplink.PlanShards.satellites(plan);
      java.util.List<org.spacemoe.shared.telemetry.SatelliteTelemetry> ours = c.latest().values().stream()
          .filter(t -> mine.contains(t.satellite()) && t.activePlanVersion() == plan.planVersion()).toList();
      if (ours.isEmpty()) {
        throw new InvalidInputException("--plan", "no satellite of plan v" + plan.planVersion()
            + " reported running it within " + waitMs + " ms");
      }
      ActivationStatistics s = ObservedStatistics.from(ours, plan.inputs().model().layers(),
          plan.inputs().model().experts(), prior);
      ActivationStatisticsJson.write(s, out);
      spec.commandLine().getOut().printf("%s%nwrote %s%n", s.source(), out);
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
