package org.spacemoe.ground.charts;

import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.spacemoe.ground.draw.PngFiles;

/**
 * Measured and predicted latency of each generated token (ms) against its position in the run: where a bench's
 * measurement leaves its prediction, token by token.
 */
public final class TokenLatencyChart {
  static {
    PngFiles.ensureHeadless();
  }

  private TokenLatencyChart() {}

  /**
   * Writes a {@value ChartLook#WIDTH_PX} x {@value ChartLook#HEIGHT_PX} PNG, creating parent directories.
   *
   * @param measuredMs per token, ms, finite and >= 0
   * @param predictedMs per token, ms, as many as {@code measuredMs}, finite and >= 0
   */
  public static void writePng(String title, double[] measuredMs, double[] predictedMs, Path png) throws IOException {
    ChartPng.write(build(title, measuredMs, predictedMs), png);
  }

  static XYChart build(String title, double[] measuredMs, double[] predictedMs) {
    if (measuredMs.length == 0 || measuredMs.length != predictedMs.length) {
      throw new IllegalArgumentException("need one prediction per measured token and at least one token, got "
          + measuredMs.length + " measured and " + predictedMs.length + " predicted");
    }
    checkFinite("measured", measuredMs);
    checkFinite("predicted", predictedMs);
    double[] x = new double[measuredMs.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    XYChart chart = new XYChartBuilder()
        .width(ChartLook.WIDTH_PX)
        .height(ChartLook.HEIGHT_PX)
        .title(title)
        .xAxisTitle("token")
        .yAxisTitle("latency (ms)")
        .build();
    var s = chart.getStyler();
    ChartLook.apply(s);
    s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarkerSize(x.length > 100 ? 0 : 5);
    s.setYAxisMin(0.0);
    chart.addSeries("measured", x, measuredMs);
    chart.addSeries("predicted", x, predictedMs);
    return chart;
  }

  private static void checkFinite(String what, double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i]) || v[i] < 0) {
        throw new IllegalArgumentException(what + " latency of token " + (i + 1) + " must be finite and >= 0, got "
            + v[i]);
      }
    }
  }
}
