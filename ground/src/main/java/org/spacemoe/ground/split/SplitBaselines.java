package org.spacemoe.ground.split;

import java.util.ArrayList;
import java.util.List;
import org.spacemoe.shared.model.HiddenStateCodec;

/**
 * The baselines, priced by the same {@link SplitEvaluator}: {@code uniform} (the same number of units on every
 * chain satellite), {@code proportional} (each satellite's share of the FLOPs proportional to its FLOP/s: equal
 * compute time on equal computers), both with fp32 on every cut; and {@code no-compression} (the optimal split,
 * fp32 only, by A*). The first two ignore memory and may be infeasible: their violations are reported.
 */
public final class SplitBaselines {
  private SplitBaselines() {}

  /** Equal unit counts over {@code min(units, chain)} stages, larger stages first. */
  public static SplitPlan uniform(SplitProblem p) {
    int n = Math.min(p.unitCount(), p.stageCount());
    List<Integer> ends = new ArrayList<>();
    for (int s = 1; s <= n; s++) {
      ends.add((int) Math.round((double) s * p.unitCount() / n));
    }
    return SplitPlan.allCuts(ends, HiddenStateCodec.FP32);
  }

  /**
   * Cuts where the cumulative FLOPs come closest to each satellite's cumulative share of the chain's FLOP/s,
   * keeping every stage non-empty.
   */
  public static SplitPlan proportional(SplitProblem p) {
    int n = Math.min(p.unitCount(), p.stageCount());
    double totalRate = 0;
    for (int s = 0; s < n; s++) {
      totalRate += p.chain().devices().get(s).flops();
    }
    double totalFlops = p.flops(0, p.unitCount());
    List<Integer> ends = new ArrayList<>();
    double rate = 0;
    int prev = 0;
    for (int s = 0; s < n - 1; s++) {
      rate += p.chain().devices().get(s).flops();
      double target = totalFlops * rate / totalRate;
      int lo = prev + 1;
      int hi = p.unitCount() - (n - 1 - s);
      int best = lo;
      for (int e = lo; e <= hi; e++) {
        if (Math.abs(p.flops(0, e) - target) < Math.abs(p.flops(0, best) - target)) {
          best = e;
        }
      }
      ends.add(best);
      prev = best;
    }
    ends.add(p.unitCount());
    return SplitPlan.allCuts(ends, HiddenStateCodec.FP32);
  }

  /** The optimal split with fp32 on every cut, or null when none fits. */
  public static SplitSearchResult noCompression(SplitProblem p) {
    return new AStarSplitPlanner(p.withCodecs(p.codecs().fp32Only())).plan();
  }
}
