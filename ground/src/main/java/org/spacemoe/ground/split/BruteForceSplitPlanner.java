package org.spacemoe.ground.split;

import java.util.ArrayList;
import java.util.List;
import org.spacemoe.shared.model.HiddenStateCodec;

/**
 * Enumerates every plan (every number of stages, every set of cut points, every codec per cut), prices the
 * feasible ones with {@link SplitEvaluator} and keeps the cheapest. Exponential: for checking the A* planner on
 * small instances. {@code visitedStates} counts every partial plan the enumeration touched.
 */
public final class BruteForceSplitPlanner {
  private final SplitProblem p;
  private final SplitEvaluator eval;
  private long visited;
  private SplitPlan best;
  private double bestLatency;

  public BruteForceSplitPlanner(SplitProblem problem) {
    this.p = problem;
    this.eval = new SplitEvaluator(problem);
  }

  /**
   * @param plan the cheapest feasible plan or null
   * @param latencyS its latency, s
   * @param visitedStates partial plans enumerated
   */
  public record Result(SplitPlan plan, double latencyS, long visitedStates) {}

  public Result plan() {
    visited = 0;
    best = null;
    bestLatency = Double.POSITIVE_INFINITY;
    extend(new ArrayList<>(), new ArrayList<>());
    return new Result(best, bestLatency, visited);
  }

  private void extend(List<Integer> ends, List<HiddenStateCodec> cuts) {
    visited++;
    int b = ends.isEmpty() ? 0 : ends.get(ends.size() - 1);
    int s = ends.size();
    if (b == p.unitCount()) {
      SplitPlan plan = new SplitPlan(ends, cuts);
      if (eval.feasible(plan)) {
        double t = eval.latencyS(plan);
        if (t < bestLatency) {
          bestLatency = t;
          best = plan;
        }
      }
      return;
    }
    if (s >= p.stageCount()) {
      return;
    }
    for (int e = b + 1; e <= p.unitCount(); e++) {
      ends.add(e);
      if (e == p.unitCount()) {
        extend(ends, cuts);
      } else {
        for (HiddenStateCodec c : p.codecs().available()) {
          cuts.add(c);
          extend(ends, cuts);
          cuts.remove(cuts.size() - 1);
        }
      }
      ends.remove(ends.size() - 1);
    }
  }
}
