package org.spacemoe.ground.split;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * The planner's split and the three baselines, all priced by one {@link SplitEvaluator}.
 *
 * @param search the A* search (plan and work)
 * @param planned the A* plan's evaluation
 * @param baselines no-compression, uniform and proportional, in that order
 */
public record SplitStudy(SplitSearchResult search, SplitEvaluation planned, List<SplitEvaluation> baselines) {
  private static final double MIB = 1024.0 * 1024.0;

  /**
   * Plans {@code p} and evaluates the baselines.
   *
   * @param memoryInput the flag that set the memory limits, named when nothing fits
   * @throws InvalidInputException when no split fits the chain's memory
   */
  public static SplitStudy run(SplitProblem p, String memoryInput) {
    SplitSearchResult search = new AStarSplitPlanner(p).plan();
    if (!search.found()) {
      throw new InvalidInputException(memoryInput, whyNothingFits(p));
    }
    SplitEvaluator eval = new SplitEvaluator(p);
    List<SplitEvaluation> baselines = new ArrayList<>();
    SplitSearchResult fp32 = SplitBaselines.noCompression(p);
    baselines.add(eval.evaluate("no-compression", fp32.plan()));
    baselines.add(eval.evaluate("uniform", SplitBaselines.uniform(p)));
    baselines.add(eval.evaluate("proportional", SplitBaselines.proportional(p)));
    return new SplitStudy(search, eval.evaluate("a-star", search.plan()), baselines);
  }

  /** Per baseline: the planner's latency and ISL-traffic change relative to it, in percent (negative: lower). */
  public Map<String, Map<String, Double>> comparison() {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (SplitEvaluation b : baselines) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("latencyChangePercent", percent(planned.latencyS(), b.latencyS()));
      m.put("islTrafficChangePercent", b.islBytesPerToken() == 0 ? 0.0
          : percent(planned.islBytesPerToken(), b.islBytesPerToken()));
      m.put("throughputChangePercent", percent(planned.pipeline().tokensPerS(), b.pipeline().tokensPerS()));
      out.put(b.strategy(), m);
    }
    return out;
  }

  /** Whether every feasible baseline's latency is at least the planned one's (it must be: A* is exact). */
  public boolean notSlowerThanAnyFeasibleBaseline() {
    return baselines.stream().filter(SplitEvaluation::feasible)
        .allMatch(b -> planned.latencyS() <= b.latencyS() * (1 + 1e-12));
  }

  private static double percent(double mine, double theirs) {
    return 100.0 * (mine - theirs) / theirs;
  }

  static String whyNothingFits(SplitProblem p) {
    long largestLimit = 0;
    long total = 0;
    for (int s = 0; s < p.stageCount(); s++) {
      largestLimit = Math.max(largestLimit, p.memoryLimitBytes(s));
      total += p.memoryLimitBytes(s);
    }
    for (SplitUnit u : p.units()) {
      if (u.memoryBytes(p.sequences()) > largestLimit) {
        return String.format("%s alone needs %.1f MiB (weights and %d sequences' KV cache), more than any satellite of "
            + "the chain has (%.1f MiB): no split fits", u.name(), u.memoryBytes(p.sequences()) / MIB, p.sequences(),
            largestLimit / MIB);
      }
    }
    long need = p.memoryBytes(0, p.unitCount());
    String why = need > total ? "more than the chain has in all" : "and whole units do not pack into them in order";
    return String.format("no split fits: the %d units need %.1f MiB with %d sequences' KV caches, the %d satellites of "
        + "the chain have %.1f MiB in all, %s; give more memory or a longer chain", p.unitCount(), need / MIB,
        p.sequences(), p.stageCount(), total / MIB, why);
  }
}
