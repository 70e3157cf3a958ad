package org.spacemoe.ground.charts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.XYChart;

/** Token availability (fraction of tokens that complete) against one swept parameter, one line per series. */
public final class AvailabilityChart {
  private AvailabilityChart() {}

  /**
   * @param x swept values, finite
   * @param availabilityBySeries per series, the availability in [0, 1] at each x
   */
  public static void writePng(String title, String xLabel, double[] x, Map<String, double[]> availabilityBySeries,
      Path png) throws IOException {
    XYChart chart = SweepChart.build(title, xLabel, x, availabilityBySeries, false);
    chart.setYAxisTitle("token availability (completed / all)");
    ChartPng.write(chart, png);
  }
}
