package org.spacemoe.ground.charts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.spacemoe.ground.draw.PngFiles;

/** Stacked bars of where each layer's time per token went (ms): compute, links and queueing. */
public final class LayerTimeChart {
  static {
    PngFiles.ensureHeadless();
  }

  /**
   * One layer's mean time per token, ms, each finite and >= 0.
   *
   * @param layer 0-based layer index
   */
  public record Layer(int layer, double computeMs, double linkMs, double queueMs) {
    public Layer {
      for (double v : new double[] {computeMs, linkMs, queueMs}) {
        if (!Double.isFinite(v) || v < 0) {
          throw new IllegalArgumentException("layer " + layer + ": times must be finite and >= 0 ms, got " + v);
        }
      }
    }
  }

  private LayerTimeChart() {}

  /** Writes a {@value ChartLook#WIDTH_PX} x {@value ChartLook#HEIGHT_PX} PNG, creating parent directories. */
  public static void writePng(String title, List<Layer> layers, Path png) throws IOException {
    ChartPng.write(build(title, layers), png);
  }

  static CategoryChart build(String title, List<Layer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("no layers to chart");
    }
    CategoryChart chart = new CategoryChartBuilder()
        .width(ChartLook.WIDTH_PX)
        .height(ChartLook.HEIGHT_PX)
        .title(title)
        .xAxisTitle("layer")
        .yAxisTitle("time per token (ms)")
        .build();
    var s = chart.getStyler();
    ChartLook.apply(s);
    s.setStacked(true);
    s.setYAxisMin(0.0);
    s.setAvailableSpaceFill(0.7);
    List<String> names = layers.stream().map(l -> Integer.toString(l.layer())).toList();
    chart.addSeries("compute", names, layers.stream().map(Layer::computeMs).toList());
    chart.addSeries("link", names, layers.stream().map(Layer::linkMs).toList());
    chart.addSeries("queue", names, layers.stream().map(Layer::queueMs).toList());
    return chart;
  }
}
