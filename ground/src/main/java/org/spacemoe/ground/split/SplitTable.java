package org.spacemoe.ground.split;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints a {@link SplitStudy} as fixed-width tables: strategies side by side, then the chosen plan. */
public final class SplitTable {
  private static final double MIB = 1024.0 * 1024.0;

  private SplitTable() {}

  public static void print(PrintWriter o, SplitStudy study) {
    List<SplitEvaluation> rows = new ArrayList<>();
    rows.add(study.planned());
    rows.addAll(study.baselines());
    int n = study.planned().pipeline().sequences();
    o.printf("%-15s %6s %11s %11s %11s %9s %10s %11s %11s %8s  %s%n", "strategy", "stages", "latency ms",
        "compute ms", "transfer ms", "ring ms", "loss", "ISL B/tok", "tok/s @" + n, "feasible", "bottleneck");
    for (SplitEvaluation e : rows) {
      o.printf("%-15s %6d %11.3f %11.3f %11.4f %9.4f %10.6f %11d %11.3f %8s  %s%n", e.strategy(), e.stages().size(),
          e.latencyS() * 1e3, e.computeS() * 1e3, e.transferS() * 1e3, e.ringCloseS() * 1e3, e.accuracyLoss(),
          e.islBytesPerToken(), e.pipeline().tokensPerS(), e.feasible() ? "yes" : "NO", e.pipeline().bottleneck());
      for (String v : e.violations()) {
        o.printf("%-15s   ! %s%n", "", v);
      }
    }
    SplitSearchResult s = study.search();
    o.printf("A*: DAG of %d states and %d edges; A* expanded %d states, the same search without heuristic %d%n",
        s.dagStates(), s.dagEdges(), s.expandedStates(), s.expandedWithoutHeuristic());
    for (Map.Entry<String, Map<String, Double>> c : study.comparison().entrySet()) {
      o.printf("a-star vs %-14s latency %+7.2f %%, ISL traffic %+7.2f %%, throughput @%d %+7.2f %%%n", c.getKey(),
          c.getValue().get("latencyChangePercent"), c.getValue().get("islTrafficChangePercent"), n,
          c.getValue().get("throughputChangePercent"));
    }
    o.println("plan:");
    SplitEvaluation p = study.planned();
    for (int i = 0; i < p.stages().size(); i++) {
      SplitEvaluation.StageReport st = p.stages().get(i);
      o.printf("  stage %d  %-8s %-9s %-9s .. %-9s %3d units  %8.3f ms  %7.1f of %7.1f MiB%n", i, st.satellite(),
          st.device(), st.firstUnit(), st.lastUnit(), st.units(), st.computeS() * 1e3, st.memoryBytes() / MIB,
          st.memoryLimitBytes() / MIB);
      if (i < p.cuts().size()) {
        SplitEvaluation.CutReport c = p.cuts().get(i);
        o.printf("     cut   %s -> %s  %-4s %6d B x %d hop(s)  %8.4f ms  loss %.6f%n", c.from(), c.to(), c.codec(),
            c.frameBytes(), c.hops(), c.transferS() * 1e3, c.lossPerCut());
      }
    }
  }
}
