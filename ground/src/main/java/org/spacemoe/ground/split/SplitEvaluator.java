package org.spacemoe.ground.split;

import java.util.ArrayList;
import java.util.List;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.HiddenStateCodec;

/** Prices any split plan with the cost model of {@link SplitProblem}: the planner's and every baseline's. */
public final class SplitEvaluator {
  private static final double MIB = 1024.0 * 1024.0;
  private final SplitProblem p;

  public SplitEvaluator(SplitProblem problem) {
    this.p = problem;
  }

  /** Per-token latency only (what the planners minimise), s; no feasibility check. */
  public double latencyS(SplitPlan plan) {
    requireShape(plan);
    double t = 0;
    for (int s = 0; s < plan.stages(); s++) {
      t += p.computeS(s, plan.from(s), plan.to(s));
      if (s < plan.stages() - 1) {
        t += p.transferS(s, plan.cutCodecs().get(s));
      }
    }
    return t + p.ringCloseS(plan.stages() - 1);
  }

  /** Sum of the cuts' loss per cut. */
  public double loss(SplitPlan plan) {
    double loss = 0;
    for (HiddenStateCodec c : plan.cutCodecs()) {
      loss += p.codecs().lossPerCut(c);
    }
    return loss;
  }

  /** Whether every stage fits and the loss is within budget. */
  public boolean feasible(SplitPlan plan) {
    requireShape(plan);
    for (int s = 0; s < plan.stages(); s++) {
      if (!p.fits(s, plan.from(s), plan.to(s))) {
        return false;
      }
    }
    return p.withinBudget(loss(plan));
  }

  public SplitEvaluation evaluate(String strategy, SplitPlan plan) {
    requireShape(plan);
    List<String> violations = new ArrayList<>();
    List<SplitEvaluation.StageReport> stages = new ArrayList<>();
    List<SplitEvaluation.CutReport> cuts = new ArrayList<>();
    double compute = 0;
    double transfer = 0;
    long bytes = 0;
    String bottleneck = null;
    double busiest = -1;
    for (int s = 0; s < plan.stages(); s++) {
      int from = plan.from(s);
      int to = plan.to(s);
      String sat = p.chain().satellites().get(s);
      DeviceProfile dev = p.chain().devices().get(s);
      double c = p.computeS(s, from, to);
      long mem = p.memoryBytes(from, to);
      compute += c;
      stages.add(new SplitEvaluation.StageReport(sat, dev.name(), p.units().get(from).name(),
          p.units().get(to - 1).name(), to - from, c, mem, dev.memoryBytes()));
      if (mem > dev.memoryBytes()) {
        violations.add(String.format("stage %d on %s needs %.1f MiB, has %.1f MiB", s, sat, mem / MIB,
            dev.memoryBytes() / MIB));
      }
      if (c > busiest) {
        busiest = c;
        bottleneck = "stage " + s + " (" + sat + ") compute";
      }
      if (s < plan.stages() - 1) {
        HiddenStateCodec codec = plan.cutCodecs().get(s);
        ChainLink l = p.chain().links().get(s);
        double x = p.transferS(s, codec);
        transfer += x;
        long fb = p.frameBytes(codec);
        bytes += fb * l.hops();
        cuts.add(new SplitEvaluation.CutReport(l.from(), l.to(), codec.wireName(), fb, l.hops(), l.propagationS(), x,
            p.codecs().lossPerCut(codec)));
        double busy = p.hopTransmissionS(codec);
        if (busy > busiest) {
          busiest = busy;
          bottleneck = "cut " + s + " (" + l.from() + " -> " + l.to() + ") transmission";
        }
      }
    }
    double ring = p.ringCloseS(plan.stages() - 1);
    double latency = compute + transfer + ring;
    double loss = loss(plan);
    if (!p.withinBudget(loss)) {
      violations.add(String.format("accuracy loss %.6g exceeds the budget %.6g", loss, p.accuracyBudget()));
    }
    return new SplitEvaluation(strategy, violations.isEmpty(), violations, latency, compute, transfer, ring, loss,
        bytes, stages, cuts, throughput(latency, bottleneck, busiest));
  }

  private SplitEvaluation.PipelineThroughput throughput(double latencyS, String bottleneck, double busiestS) {
    double cap = busiestS > 0 ? 1 / busiestS : Double.POSITIVE_INFINITY;
    List<Double> byN = new ArrayList<>();
    for (int n = 1; n <= p.sequences(); n++) {
      byN.add(Math.min(n / latencyS, cap));
    }
    long saturating = busiestS > 0 ? (long) Math.ceil(latencyS / busiestS - 1e-9) : Long.MAX_VALUE;
    return new SplitEvaluation.PipelineThroughput(bottleneck, busiestS, p.sequences(), byN.get(byN.size() - 1),
        saturating, byN);
  }

  private void requireShape(SplitPlan plan) {
    if (plan.stages() > p.stageCount()) {
      throw new IllegalArgumentException(plan.stages() + " stages on a chain of " + p.stageCount());
    }
    if (plan.to(plan.stages() - 1) != p.unitCount()) {
      throw new IllegalArgumentException("plan ends at unit " + plan.to(plan.stages() - 1) + " of " + p.unitCount());
    }
  }
}
