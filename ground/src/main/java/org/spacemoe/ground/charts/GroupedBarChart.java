package org.spacemoe.ground.charts;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Bars grouped by category, one bar per series in each group, each bar labelled with its value and each group with its
 * category's name on the x axis; the legend names the series.
 */
public final class GroupedBarChart {
  /**
   * What to draw.
   *
   * @param categories the groups, left to right, each named under its group
   * @param series series name to one value per category (>= 0, finite), in the legend's order
   */
  public record Bars(String title, String xAxisTitle, String yAxisTitle, List<String> categories,
      Map<String, List<Double>> series) {
    public Bars {
      if (categories.isEmpty() || series.isEmpty()) {
        throw new IllegalArgumentException("nothing to chart: " + categories.size() + " categories, "
            + series.size() + " series");
      }
      for (Map.Entry<String, List<Double>> e : series.entrySet()) {
        if (e.getValue().size() != categories.size()) {
          throw new IllegalArgumentException("series " + e.getKey() + " has " + e.getValue().size() + " values for "
              + categories.size() + " categories");
        }
        if (e.getValue().stream().anyMatch(v -> !(v >= 0) || v.isInfinite())) {
          throw new IllegalArgumentException("series " + e.getKey() + " has a negative or non-finite value");
        }
      }
    }

    double max() {
      return series.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(0);
    }
  }

  static {
    org.spacemoe.ground.draw.PngFiles.ensureHeadless();
  }

  private GroupedBarChart() {}

  /** Writes a {@value ChartLook#WIDTH_PX} x {@value ChartLook#HEIGHT_PX} PNG, creating parent directories. */
  public static void writePng(Bars bars, Path png) throws IOException {
    ChartPng.write(build(bars, null), png);
  }

  /** @param colours series colours in order, or null for the shared palette */
  static CategoryChart build(Bars bars, Color[] colours) {
    CategoryChart chart = new CategoryChartBuilder()
        .width(ChartLook.WIDTH_PX)
        .height(ChartLook.HEIGHT_PX)
        .title(bars.title())
        .xAxisTitle(bars.xAxisTitle())
        .yAxisTitle(bars.yAxisTitle())
        .build();
    var s = chart.getStyler();
    ChartLook.apply(s);
    s.setLabelsVisible(true);
    s.setLabelsFont(new Font(Font.SANS_SERIF, Font.BOLD, bars.series().size() > 3 ? 11 : 13));
    s.setLabelsFontColorAutomaticEnabled(false);
    s.setLabelsFontColor(Color.BLACK);
    s.setLabelsPosition(1.0);
    if (colours != null) {
      s.setSeriesColors(colours);
    }
    s.setPlotContentSize(1.0);
    s.setAvailableSpaceFill(0.75);
    s.setYAxisMin(0.0);
    // room above the tallest bar for its label
    s.setYAxisMax(bars.max() > 0 ? bars.max() * 1.15 : 1);
    if (bars.categories().size() > 5 || bars.categories().stream().anyMatch(c -> c.length() > 14)) {
      s.setXAxisLabelRotation(20);
    }
    bars.series().forEach((name, values) -> chart.addSeries(name, bars.categories(), values));
    return chart;
  }
}
