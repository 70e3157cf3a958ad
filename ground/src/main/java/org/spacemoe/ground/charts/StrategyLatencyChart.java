package org.spacemoe.ground.charts;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.spacemoe.ground.draw.PngFiles;

/** Grouped bars of mean and p95 per-token latency (s) per strategy, each bar labelled with its value. */
public final class StrategyLatencyChart {
  /** Light Okabe-Ito sky blue and orange: black value labels read on them and on white alike. */
  private static final Color[] BAR_COLOURS = {new Color(0x56B4E9), new Color(0xE69F00)};

  static {
    PngFiles.ensureHeadless();
  }

  private StrategyLatencyChart() {}

  /** Writes a {@value ChartLook#WIDTH_PX} x {@value ChartLook#HEIGHT_PX} PNG, creating parent directories. */
  public static void writePng(List<StrategyBar> bars, String title, Path png) throws IOException {
    ChartPng.write(build(bars, title), png);
  }

  static CategoryChart build(List<StrategyBar> bars, String title) {
    if (bars.isEmpty()) {
      throw new IllegalArgumentException("no strategies to chart");
    }
    CategoryChart chart = new CategoryChartBuilder()
        .width(ChartLook.WIDTH_PX)
        .height(ChartLook.HEIGHT_PX)
        .title(title)
        .xAxisTitle("strategy")
        .yAxisTitle("per-token latency (s)")
        .build();
    var s = chart.getStyler();
    ChartLook.apply(s);
    s.setLabelsVisible(true);
    s.setLabelsFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    s.setLabelsFontColorAutomaticEnabled(false);
    s.setLabelsFontColor(Color.BLACK);
    s.setLabelsPosition(1.0);
    s.setSeriesColors(BAR_COLOURS);
    s.setPlotContentSize(1.0);
    s.setAvailableSpaceFill(0.75);
    s.setYAxisMin(0.0);
    s.setYAxisMax(headroom(bars));
    if (bars.size() > 5 || bars.stream().anyMatch(b -> b.strategy().length() > 14)) {
      s.setXAxisLabelRotation(20);
    }
    List<String> names = bars.stream().map(StrategyBar::strategy).toList();
    chart.addSeries("mean", names, bars.stream().map(StrategyBar::meanS).toList());
    chart.addSeries("p95", names, bars.stream().map(StrategyBar::p95S).toList());
    return chart;
  }

  /** Top of the y axis, s: room above the tallest bar for its label. */
  private static double headroom(List<StrategyBar> bars) {
    double max = bars.stream().mapToDouble(b -> Math.max(b.meanS(), b.p95S())).max().orElse(0);
    return max > 0 ? max * 1.15 : 1;
  }
}
