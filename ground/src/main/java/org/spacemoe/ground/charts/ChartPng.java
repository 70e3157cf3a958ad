package org.spacemoe.ground.charts;

import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.spacemoe.ground.draw.PngFiles;

/** Renders an XChart chart headless and writes it as a PNG at exactly the given path. */
final class ChartPng {
  private ChartPng() {}

  static void write(Chart<?, ?> chart, Path png) throws IOException {
    PngFiles.write(BitmapEncoder.getBufferedImage(chart), png);
  }
}
