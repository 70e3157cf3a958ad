package org.spacemoe.ground.reproduce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.placement.PlacementResult;
import org.spacemoe.ground.placement.joint.JointResult;

/** The strategies evaluated on one configuration, with the spacemoe and joint plans that were evaluated. */
public record ConfigurationResult(List<LatencyReport> reports, PlacementResult spacemoe, JointResult joint) {

  public Map<String, StrategySummary> summaries() {
    Map<String, StrategySummary> m = new LinkedHashMap<>();
    for (LatencyReport r : reports) {
      m.put(r.strategy(), StrategySummary.of(r));
    }
    return m;
  }

  public double mean(String strategy) {
    return report(strategy).map(LatencyReport::meanTokenLatencyS).orElse(Double.NaN);
  }

  public double p99(String strategy) {
    return report(strategy).map(LatencyReport::p99TokenLatencyS).orElse(Double.NaN);
  }

  private java.util.Optional<LatencyReport> report(String strategy) {
    return reports.stream().filter(r -> r.strategy().equals(strategy)).findFirst();
  }

  /** Ratios of each baseline's (and joint's) mean latency over spacemoe's. */
  public Map<String, Double> ratios() {
    Map<String, Double> m = new LinkedHashMap<>();
    double s = mean("spacemoe");
    m.put("randPlaceOverSpacemoe", mean("rand-place") / s);
    m.put("randIntraOverSpacemoe", mean("rand-intra") / s);
    m.put("randIntraCgOverSpacemoe", mean("rand-intra-cg") / s);
    m.put("jointOverSpacemoe", mean("joint") / s);
    return m;
  }

  /** rand-place > rand-intra > rand-intra-cg > spacemoe on mean latency. */
  public boolean paperOrderingHolds() {
    return mean("rand-place") > mean("rand-intra") && mean("rand-intra") > mean("rand-intra-cg")
        && mean("rand-intra-cg") > mean("spacemoe");
  }
}
