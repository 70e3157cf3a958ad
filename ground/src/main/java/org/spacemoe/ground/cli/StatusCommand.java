package org.spacemoe.ground.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spacemoe.ground.ops.TelemetryCollector;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.telemetry.SatelliteTelemetry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code status}: what every satellite runs, from their retained heartbeats. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Shows per satellite the active and staged plan versions, health, last heartbeat, dropped frames",
        "and expert activations, from the retained heartbeats on the broker."})
final class StatusCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin BrokerOptions broker;

  @Option(names = "--wait-ms", defaultValue = "1500", description = "how long to listen before printing (default: ${DEFAULT-VALUE})")
  long waitMs;

  @Option(names = "--watch", description = "print again every --interval seconds until interrupted")
  boolean watch;

  @Option(names = "--interval", defaultValue = "2", description = "seconds between refreshes with --watch (default: ${DEFAULT-VALUE})")
  double interval;

  @Option(names = "--json", paramLabel = "FILE", description = "also write the heartbeats as JSON")
  Path json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Checks.positive("--interval", interval);
    PrintWriter o = spec.commandLine().getOut();
    try (TelemetryCollector c = new TelemetryCollector(broker.connection())) {
      Thread.sleep(Math.max(0, waitMs));
      do {
        Map<String, SatelliteTelemetry> all = c.latest();
        print(o, all, c.uplink());
        if (json != null) {
          JsonReports.write(json, all);
        }
        if (watch) {
          Thread.sleep((long) (interval * 1000));
        }
      } while (watch);
      return 0;
    }
  }

  private static void print(PrintWriter o, Map<String, SatelliteTelemetry> all,
      Map<String, org.spacemoe.shared.uplink.StatusReport> uplink) {
    long now = System.currentTimeMillis();
    o.printf("%-12s %7s %7s %-5s %9s %8s %11s %-14s  %s%n", "satellite", "active", "staged", "health", "heartbeat",
        "dropped", "activations", "last uplink", "reason / drops by reason");
    for (SatelliteTelemetry t : all.values()) {
      long drops = t.droppedFrames() == null ? 0 : t.droppedFrames().values().stream().mapToLong(Long::longValue).sum();
      long acts = t.expertActivations() == null ? 0
          : t.expertActivations().values().stream().mapToLong(Long::longValue).sum();
      var u = uplink.get(t.satellite());
      String last = u == null || u.stage() == null ? "-" : u.stage() + " v" + u.planVersion();
      String why = u != null && u.reason() != null ? u.reason() + ": " + u.detail()
          : t.reason() != null ? t.reason() : (drops > 0 ? String.valueOf(t.droppedFrames()) : "");
      o.printf("%-12s %7d %7d %-5s %8.1fs %8d %11d %-14s  %s%n", t.satellite(), t.activePlanVersion(),
          t.stagedPlanVersion(), t.health(), (now - t.timestampMs()) / 1000.0, drops, acts, last, why);
    }
    o.printf("%d satellites heard%n", all.size());
    o.flush();
  }
}
