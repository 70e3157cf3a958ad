package org.spacemoe.ground.cli;

import java.io.PrintWriter;
import java.util.List;
import org.spacemoe.ground.latency.LatencyReport;

/** Prints latency reports as a fixed-width table. */
final class LatencyTable {
  private LatencyTable() {}

  /** The hop-overhead column appears only when some report has one (the paper's model has none). */
  static void print(PrintWriter o, List<LatencyReport> reports) {
    boolean overhead = reports.stream().anyMatch(r -> r.meanOverheadS() > 0);
    o.printf("%-15s %9s %9s %9s %9s %9s %9s %9s %9s" + (overhead ? " %9s" : "%s") + " %7s%n", "strategy", "mean s",
        "p50 s", "p95 s", "p99 s", "compute", "propag.", "transm.", "waiting", overhead ? "hop ovh." : "", "tokens");
    for (LatencyReport r : reports) {
      o.printf("%-15s %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f %9.6f %9.4f", r.strategy(), r.meanTokenLatencyS(),
          r.p50TokenLatencyS(), r.p95TokenLatencyS(), r.p99TokenLatencyS(), r.meanComputeS(), r.meanPropagationS(),
          r.meanTransmissionS(), r.meanWaitingS());
      if (overhead) {
        o.printf(" %9.4f", r.meanOverheadS());
      }
      o.printf(" %7d%n", r.tokens());
    }
  }
}
