package org.spacemoe.ground.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
  @TempDir Path dir;

  private static BufferedImage read(Path png) throws IOException {
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img, "not a readable image: " + png);
    return img;
  }

  private static void assertChartSize(BufferedImage img) {
    assertEquals(ChartLook.WIDTH_PX, img.getWidth());
    assertEquals(ChartLook.HEIGHT_PX, img.getHeight());
  }

  @Test
  void strategyChartIsAPngOfTheChartSizeInANewDirectory() throws IOException {
    Path png = dir.resolve("nested/deeper/latency.png");
    StrategyLatencyChart.writePng(List.of(
        new StrategyBar("RandPlace", 5.3, 6.1),
        new StrategyBar("RandIntra", 4.15, 4.9),
        new StrategyBar("SpaceMoE", 1.05, 1.21)), "Per-token latency", png);
    assertChartSize(read(png));
  }

  @Test
  void categoryChartsNameTheirCategoriesNotNumbers() {
    // a number formatter on a category axis prints "0" under every group
    var strategies = StrategyLatencyChart.build(List.of(new StrategyBar("spacemoe", 1.3, 1.4)), "t");
    assertNull(strategies.getStyler().getxAxisTickLabelsFormattingFunction());
    var layers = LayerTimeChart.build("t", List.of(new LayerTimeChart.Layer(0, 1, 2, 0)));
    assertNull(layers.getStyler().getxAxisTickLabelsFormattingFunction());
    var sweep = SweepChart.build("t", "x", new double[] {1, 2}, Map.of("s", new double[] {1, 2}), false);
    assertNotNull(sweep.getStyler().getxAxisTickLabelsFormattingFunction(), "numeric axes keep short numbers");
  }

  @Test
  void groupedBarsNeedOneValuePerCategoryAndNoNegativeValue() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> new GroupedBarChart.Bars("t", "x", "y", List.of("a", "b"),
        Map.of("s", List.of(1.0))));
    assertThrows(IllegalArgumentException.class, () -> new GroupedBarChart.Bars("t", "x", "y", List.of("a"),
        Map.of("s", List.of(-1.0))));
    assertThrows(IllegalArgumentException.class, () -> new GroupedBarChart.Bars("t", "x", "y", List.of(), Map.of()));
    Path png = dir.resolve("grouped.png");
    GroupedBarChart.writePng(new GroupedBarChart.Bars("t", "device", "s", List.of("rad5545", "ix10"),
        Map.of("spacemoe", List.of(2.0, 0.4), "joint", List.of(1.9, 0.4))), png);
    assertChartSize(read(png));
  }

  @Test
  void strategyChartRejectsNothingToDraw() {
    assertThrows(IllegalArgumentException.class,
        () -> StrategyLatencyChart.writePng(List.of(), "empty", dir.resolve("e.png")));
  }

  @Test
  void strategyBarRejectsNegativeOrNaNLatency() {
    assertThrows(IllegalArgumentException.class, () -> new StrategyBar("x", -1, 1));
    assertThrows(IllegalArgumentException.class, () -> new StrategyBar("x", 1, Double.NaN));
  }

  @Test
  void sweepChartSkipsNaNValues() throws IOException {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("SpaceMoE", new double[] {1.0, Double.NaN, 1.2, 1.3});
    series.put("RandIntra", new double[] {Double.NaN, 4.1, 4.3, Double.NaN});
    series.put("RandPlace", new double[] {Double.NaN, Double.NaN, Double.NaN, 5.5});
    double[] x = {400, 550, 800, 1200};
    Path linear = dir.resolve("sweep.png");
    Path log = dir.resolve("sweep-log.png");
    SweepChart.writePng("Altitude sweep", "altitude (km)", x, series, linear);
    SweepChart.writePng("Altitude sweep", "altitude (km)", x, series, true, log);
    assertChartSize(read(linear));
    assertChartSize(read(log));
  }

  @Test
  void sweepChartSurvivesASeriesWithoutAnyValue() throws IOException {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("ok", new double[] {1.0, 2.0});
    series.put("none", new double[] {Double.NaN, Double.NaN});
    Path png = dir.resolve("sweep-none.png");
    SweepChart.writePng("t", "x", new double[] {1, 2}, series, true, png);
    assertChartSize(read(png));
  }

  @Test
  void sweepChartSurvivesNoValuesAtAll() throws IOException {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("none", new double[] {Double.NaN, Double.NaN});
    Path linear = dir.resolve("all-nan.png");
    Path log = dir.resolve("all-nan-log.png");
    SweepChart.writePng("t", "x", new double[] {1, 2}, series, linear);
    SweepChart.writePng("t", "x", new double[] {1, 2}, series, true, log);
    assertChartSize(read(linear));
    assertChartSize(read(log));
  }

  @Test
  void sweepChartRejectsMismatchedLengths() {
    Map<String, double[]> series = Map.of("short", new double[] {1.0});
    assertThrows(IllegalArgumentException.class,
        () -> SweepChart.writePng("t", "x", new double[] {1, 2}, series, dir.resolve("m.png")));
  }

  @Test
  void sweepChartRejectsNoSeriesAndNonFiniteX() {
    assertThrows(IllegalArgumentException.class,
        () -> SweepChart.writePng("t", "x", new double[] {1}, Map.of(), dir.resolve("n.png")));
    assertThrows(IllegalArgumentException.class, () -> SweepChart.writePng(
        "t", "x", new double[] {1, Double.NaN}, Map.of("a", new double[] {1, 2}), dir.resolve("n.png")));
  }

  @Test
  void numbersAreShortAndLocaleFree() {
    assertEquals("1.05", ShortNumber.format(1.05));
    assertEquals("5.3", ShortNumber.format(5.3));
    assertEquals("0.0123", ShortNumber.format(0.012345));
    assertEquals("0", ShortNumber.format(0));
    assertEquals("1025", ShortNumber.format(1025));
    assertEquals("-12.3", ShortNumber.format(-12.34));
  }

  @Test
  void tokenLatencyChartIsAPngOfTheChartSize() throws IOException {
    Path png = dir.resolve("bench/r-latency.png");
    TokenLatencyChart.writePng("Per-token latency", new double[] {41.0, 43.5, 39.9}, new double[] {40.0, 40.0, 41.2},
        png);
    assertChartSize(read(png));
  }

  @Test
  void tokenLatencyChartRejectsMismatchedOrNegativeSeries() {
    assertThrows(IllegalArgumentException.class,
        () -> TokenLatencyChart.writePng("t", new double[] {1, 2}, new double[] {1}, dir.resolve("a.png")));
    assertThrows(IllegalArgumentException.class,
        () -> TokenLatencyChart.writePng("t", new double[] {}, new double[] {}, dir.resolve("b.png")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TokenLatencyChart.writePng("t", new double[] {1, -2}, new double[] {1, 1}, dir.resolve("c.png")));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("token 2"), e.getMessage());
  }

  @Test
  void layerTimeChartStacksComputeLinkAndQueue() throws IOException {
    Path png = dir.resolve("r-hops.png");
    LayerTimeChart.writePng("Time per layer", List.of(new LayerTimeChart.Layer(0, 2.0, 5.5, 0.3),
        new LayerTimeChart.Layer(1, 1.8, 7.1, 0.0)), png);
    assertChartSize(read(png));
    assertThrows(IllegalArgumentException.class, () -> new LayerTimeChart.Layer(0, 1, Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> LayerTimeChart.writePng("t", List.of(), dir.resolve("e.png")));
  }
}
