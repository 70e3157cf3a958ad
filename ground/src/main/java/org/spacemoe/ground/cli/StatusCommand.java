package org.spacemoe.ground.cli;

import org.spacemoe.shared.cli.JsonReportWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.spacemoe.ground.ops.SatelliteStatus;
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

  @Option(names = "--json", paramLabel = "FILE", description = "also write the table as JSON (heartbeat and last uplink report per satellite)")
  Path json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Checks.positive("--interval", interval);
    PrintWriter o = spec.commandLine().getOut();
    try (TelemetryCollector c = new TelemetryCollector(broker.connection())) {
      Thread.sleep(Math.max(0, waitMs));
      do {
        List<SatelliteStatus> all = SatelliteStatus.merge(c.latest(), c.uplink());
        print(o, all);
        if (json != null) {
          JsonReportWriter.write(json, new Report(System.currentTimeMillis(), all.size(), all));
        }
        if (watch) {
          Thread.sleep((long) (interval * 1000));
        }
      } while (watch);
      return 0;
    }
  }

  /** The JSON form of the table. */
  record Report(long timestampMs, int satellitesHeard, List<SatelliteStatus> satellites) {}

  private static void print(PrintWriter o, List<SatelliteStatus> all) {
    long now = System.currentTimeMillis();
    o.printf("%-12s %7s %7s %-6s %9s %8s %11s %-14s  %s%n", "satellite", "active", "staged", "health", "heartbeat",
        "dropped", "activations", "last uplink", "reject reason / drops by reason");
    for (SatelliteStatus s : all) {
      SatelliteTelemetry t = s.heartbeat();
      String last = s.lastUplinkStage() == null ? "-" : s.lastUplinkStage() + " v" + s.lastUplinkPlanVersion();
      if (t == null) {
        boolean reported = s.lastUplinkStage() != null;
        o.printf("%-12s %7s %7s %-6s %9s %8s %11s %-14s  %s%n", s.satellite(),
            reported ? String.valueOf(s.activePlanVersion()) : "-", reported ? String.valueOf(s.stagedPlanVersion()) : "-",
            "-", "none", "-", "-", last,
            s.rejectReason() == null ? "" : s.rejectReason() + ": " + s.rejectDetail());
        continue;
      }
      long drops = t.droppedTotal();
      long acts = t.expertActivations() == null ? 0
          : t.expertActivations().values().stream().mapToLong(Long::longValue).sum();
      String why = s.rejectReason() != null ? s.rejectReason() + ": " + s.rejectDetail()
          : t.reason() != null ? t.reason() : (drops > 0 ? String.valueOf(t.droppedFrames()) : "");
      o.printf("%-12s %7d %7d %-6s %8.1fs %8d %11d %-14s  %s%n", t.satellite(), s.activePlanVersion(),
          s.stagedPlanVersion(), t.health(), (now - t.timestampMs()) / 1000.0, drops, acts, last, why);
    }
    o.printf("%d satellites heard%n", all.size());
    o.flush();
  }
}
