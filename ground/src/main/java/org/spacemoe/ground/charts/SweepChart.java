package org.spacemoe.ground.charts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.spacemoe.ground.draw.PngFiles;

/**
 * Mean per-token latency (s) against one swept parameter, one line with markers per strategy. A NaN value
 * (or, on a log axis, a value <= 0) leaves its point out and breaks the line there.
 */
public final class SweepChart {
  static {
    PngFiles.ensureHeadless();
  }

  private SweepChart() {}

  /** Linear y axis; see {@link #writePng(String, String, double[], Map, boolean, Path)}. */
  public static void writePng(
      String title, String xLabel, double[] x, Map<String, double[]> meanLatencyByStrategy, Path png)
      throws IOException {
    writePng(title, xLabel, x, meanLatencyByStrategy, false, png);
  }

  /**
   * Writes a {@value ChartLook#WIDTH_PX} x {@value ChartLook#HEIGHT_PX} PNG, creating parent directories.
   *
   * @param x swept parameter values, finite, in {@code xLabel}'s unit
   * @param meanLatencyByStrategy per strategy (in iteration order) mean per-token latency at each {@code x}, s
   * @param logY logarithmic y axis
   */
  public static void writePng(
      String title, String xLabel, double[] x, Map<String, double[]> meanLatencyByStrategy, boolean logY, Path png)
      throws IOException {
    ChartPng.write(build(title, xLabel, x, meanLatencyByStrategy, logY), png);
  }

  static XYChart build(String title, String xLabel, double[] x, Map<String, double[]> series, boolean logY) {
    if (series.isEmpty() || x.length == 0) {
      throw new IllegalArgumentException("nothing to chart: " + series.size() + " series, " + x.length + " x values");
    }
    for (double v : x) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("x values must be finite, got " + v);
      }
    }
    XYChart chart = new XYChartBuilder()
        .width(ChartLook.WIDTH_PX)
        .height(ChartLook.HEIGHT_PX)
        .title(title)
        .xAxisTitle(xLabel)
        .yAxisTitle("mean per-token latency (s)" + (logY ? ", log scale" : ""))
        .build();
    var s = chart.getStyler();
    ChartLook.apply(s);
    s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarkerSize(9);
    if (logY) {
      s.setYAxisLogarithmic(true);
      s.setYAxisLogarithmicDecadeOnly(spansOverOneDecade(series.values()));
      // with a custom formatter XChart would lay linear ticks over the log axis
      s.setyAxisTickLabelsFormattingFunction(null);
    }
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      double[] y = e.getValue();
      if (y.length != x.length) {
        throw new IllegalArgumentException(
            "series " + e.getKey() + " has " + y.length + " values for " + x.length + " x values");
      }
      chart.addSeries(e.getKey(), x, drawable(y, logY));
    }
    return chart;
  }

  /** Whether the positive finite values span more than a factor of 10 (then in-between log ticks crowd). */
  private static boolean spansOverOneDecade(Collection<double[]> series) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (double[] ys : series) {
      for (double y : ys) {
        if (y > 0 && Double.isFinite(y)) {
          min = Math.min(min, y);
          max = Math.max(max, y);
        }
      }
    }
    return max > 10 * min;
  }

  private static double[] drawable(double[] y, boolean logY) {
    double[] out = y.clone();
    for (int i = 0; i < out.length; i++) {
      if (!Double.isFinite(out[i]) || (logY && out[i] <= 0)) {
        out[i] = Double.NaN;
      }
    }
    return out;
  }
}
