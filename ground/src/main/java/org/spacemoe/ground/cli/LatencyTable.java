package org.spacemoe.ground.cli;

import java.io.PrintWriter;
import java.util.List;
import org.spacemoe.ground.latency.LatencyReport;

/** Prints latency reports as a fixed-width table. */
final class LatencyTable {
  private LatencyTable() {}

  static void print(PrintWriter o, List<LatencyReport> reports) {
    o.printf("%-15s %9s %9s %9s %9s %9s %9s %9s %9s %7s%n", "strategy", "mean s", "p50 s", "p95 s", "p99 s",
        "compute", "propag.", "transm.", "waiting", "tokens");
    for (LatencyReport r : reports) {
      o.printf("%-15s %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f %9.6f %9.4f %7d%n", r.strategy(), r.meanTokenLatencyS(),
          r.p50TokenLatencyS(), r.p95TokenLatencyS(), r.p99TokenLatencyS(), r.meanComputeS(), r.meanPropagationS(),
          r.meanTransmissionS(), r.meanWaitingS(), r.tokens());
    }
  }
}
