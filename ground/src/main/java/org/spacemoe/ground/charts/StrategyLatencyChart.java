package org.spacemoe.ground.charts;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;

/** Grouped bars of mean and p95 per-token latency (s) per strategy, each bar labelled with its value. */
public final class StrategyLatencyChart {
  /** Light Okabe-Ito sky blue and orange: black value labels read on them and on white alike. */
  private static final Color[] BAR_COLOURS = {new Color(0x56B4E9), new Color(0xE69F00)};

  private StrategyLatencyChart() {}

  /** Writes a {@value ChartLook#WIDTH_PX} x {@value ChartLook#HEIGHT_PX} PNG, creating parent directories. */
  public static void writePng(List<StrategyBar> bars, String title, Path png) throws IOException {
    ChartPng.write(build(bars, title), png);
  }

  static CategoryChart build(List<StrategyBar> bars, String title) {
    if (bars.isEmpty()) {
      throw new IllegalArgumentException("no strategies to chart");
    }
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("mean", bars.stream().map(StrategyBar::meanS).toList());
    series.put("p95", bars.stream().map(StrategyBar::p95S).toList());
    return GroupedBarChart.build(new GroupedBarChart.Bars(title, "strategy", "per-token latency (s)",
        bars.stream().map(StrategyBar::strategy).toList(), series), BAR_COLOURS);
  }
}
