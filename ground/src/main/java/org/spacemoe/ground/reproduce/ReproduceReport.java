package org.spacemoe.ground.reproduce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.placement.LayerObjective;

/** Builds {@code reproduce.json} (deterministic: no timings, no paths). */
public final class ReproduceReport {
  private ReproduceReport() {}

  public static Map<String, Object> toJson(ReproduceExperiment exp, ReproduceSettings settings,
      ReproduceExperiment.Result result, boolean quick) {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> strategies = new LinkedHashMap<>();
    for (LatencyReport r : result.base().reports()) {
      strategies.put(r.strategy(), r);
    }
    root.put("strategies", strategies);
    root.put("ratios", result.base().ratios());
    root.put("orderingHolds", result.base().paperOrderingHolds());
    root.put("sortedMatchingEqualsOptimalAssignment", result.base().spacemoe().sortedEqualsOptimal());
    List<LayerObjective> obj = result.base().spacemoe().objectives();
    root.put("linearObjectivePerLayer", obj);
    Map<String, Object> assumptions = new LinkedHashMap<>(exp.baseScenario().describe());
    assumptions.put("samplesPerStrategy", settings.samples());
    assumptions.put("randomPlansPerBaseline", settings.randomPlans());
    assumptions.put("quick", quick);
    root.put("assumptions", assumptions);
    Map<String, Object> paper = new LinkedHashMap<>();
    paper.put("source", "arXiv 2605.00515, as summarised in DESIGN.md");
    paper.put("rand-place", 5.3);
    paper.put("rand-intra", 4.15);
    paper.put("rand-intra-cg", 3.35);
    paper.put("spacemoe", 1.05);
    root.put("paperReportedMeanTokenLatencyS", paper);
    root.put("sweeps", result.sweeps());
    return root;
  }
}
