package org.spacemoe.ground.reproduce;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.ground.charts.GroupedBarChart;
import org.spacemoe.ground.charts.StrategyBar;
import org.spacemoe.ground.charts.StrategyLatencyChart;
import org.spacemoe.ground.charts.SweepChart;
import org.spacemoe.ground.latency.LatencyReport;

/** Writes the reproduction's pictures. */
public final class ReproduceCharts {
  private ReproduceCharts() {}

  /** Writes the charts into {@code dir} and returns their paths. */
  public static List<Path> write(ReproduceExperiment.Result result, String constellationId, Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    List<StrategyBar> bars = new ArrayList<>();
    for (LatencyReport r : result.base().reports()) {
      bars.add(new StrategyBar(r.strategy(), r.meanTokenLatencyS(), r.p95TokenLatencyS()));
    }
    Path bar = dir.resolve("latency-per-strategy.png");
    StrategyLatencyChart.writePng(bars, "Per-token latency, " + constellationId, bar);
    out.add(bar);
    out.addAll(writePerDevice(result.perDevice(), constellationId, dir));
    Map<String, String> xLabels = new LinkedHashMap<>();
    xLabels.put("altitudeKm", "altitude (km)");
    xLabels.put("constellationSize", "satellites");
    xLabels.put("linkSurvival", "link survival probability per slot");
    xLabels.put("trackingLimitRadPerS", "tracking limit (rad/s)");
    for (Map.Entry<String, List<ReproduceExperiment.SweepPoint>> sweep : result.sweeps().entrySet()) {
      List<ReproduceExperiment.SweepPoint> pts = sweep.getValue();
      double[] x = pts.stream().mapToDouble(ReproduceExperiment.SweepPoint::value).toArray();
      Map<String, double[]> series = new LinkedHashMap<>();
      for (String s : StrategyComparison.STRATEGIES) {
        series.put(s, pts.stream().mapToDouble(p -> p.strategies().containsKey(s)
            ? p.strategies().get(s).meanTokenLatencyS() : Double.NaN).toArray());
      }
      Path png = dir.resolve("sweep-" + sweep.getKey() + ".png");
      SweepChart.writePng("Mean per-token latency vs " + xLabels.getOrDefault(sweep.getKey(), sweep.getKey()),
          xLabels.getOrDefault(sweep.getKey(), sweep.getKey()), x, series, png);
      out.add(png);
    }
    return out;
  }

  /**
   * latency-per-device.png (each strategy's mean per device) and speedup-per-device.png (spacemoe's speed-up over
   * each baseline per device, against the paper's claim).
   */
  static List<Path> writePerDevice(List<DeviceRegime.Row> rows, String constellationId, Path dir) throws IOException {
    List<String> devices = rows.stream().map(DeviceRegime.Row::device).toList();
    Map<String, List<Double>> means = new LinkedHashMap<>();
    for (String s : StrategyComparison.STRATEGIES) {
      means.put(s, rows.stream().map(r -> r.strategies().get(s).meanTokenLatencyS()).toList());
    }
    Path latency = dir.resolve("latency-per-device.png");
    GroupedBarChart.writePng(new GroupedBarChart.Bars("Mean per-token latency per device, " + constellationId,
        "computer on every satellite", "mean per-token latency (s)", devices, means), latency);
    Map<String, List<Double>> speedups = new LinkedHashMap<>();
    speedups.put("rand-place / spacemoe", rows.stream().map(r -> r.ratios().get("randPlaceOverSpacemoe")).toList());
    speedups.put("rand-intra / spacemoe", rows.stream().map(r -> r.ratios().get("randIntraOverSpacemoe")).toList());
    speedups.put("rand-intra-cg / spacemoe",
        rows.stream().map(r -> r.ratios().get("randIntraCgOverSpacemoe")).toList());
    Path speedup = dir.resolve("speedup-per-device.png");
    GroupedBarChart.writePng(new GroupedBarChart.Bars(String.format(java.util.Locale.ROOT,
        "spacemoe's speed-up over each baseline per device (the paper claims >= %.0fx)",
        DeviceRegime.PAPER_CLAIMED_SPEEDUP), "computer on every satellite", "baseline mean / spacemoe mean",
        devices, speedups), speedup);
    return List.of(latency, speedup);
  }
}
