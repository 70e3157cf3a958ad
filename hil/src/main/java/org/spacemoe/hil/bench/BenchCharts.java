package org.spacemoe.hil.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spacemoe.ground.charts.LayerTimeChart;
import org.spacemoe.ground.charts.TokenLatencyChart;

/**
 * The plots beside a bench's JSON report {@code r.json}: {@code r-latency.png} (measured and predicted latency per
 * token) and {@code r-hops.png} (per layer: compute, link and queue time per token).
 */
public final class BenchCharts {
  private BenchCharts() {}

  /**
   * Writes both charts next to {@code reportJson}; {@code tag} (a codec name, or null) goes into the file names
   * when one command wrote several runs.
   *
   * @return the files written; none when the run timed no token (nothing to draw)
   */
  public static List<Path> write(BenchReport r, Path reportJson, String tag) throws IOException {
    List<Path> written = new ArrayList<>();
    String base = baseName(reportJson) + (tag == null ? "" : "-" + tag);
    Path dir = reportJson.toAbsolutePath().getParent();
    int n = r.perToken().size();
    if (n > 0) {
      double[] measured = new double[n];
      double[] predicted = new double[n];
      for (int i = 0; i < n; i++) {
        measured[i] = r.perToken().get(i).measuredS() * 1e3;
        predicted[i] = r.perToken().get(i).predictedS() * 1e3;
      }
      Path png = dir.resolve(base + "-latency.png");
      TokenLatencyChart.writePng(String.format(java.util.Locale.ROOT,
          "Per-token latency: measured/predicted %.3f", r.measuredOverPredicted()), measured, predicted, png);
      written.add(png);
    }
    List<LayerTimeChart.Layer> layers = r.perLayer().stream()
        .map(l -> new LayerTimeChart.Layer(l.layer(), nonNegative(l.computeMs()), nonNegative(l.linkMs()),
            nonNegative(l.queueMs())))
        .toList();
    if (!layers.isEmpty()) {
      Path png = dir.resolve(base + "-hops.png");
      LayerTimeChart.writePng("Time per layer and token", layers, png);
      written.add(png);
    }
    return written;
  }

  /** A finite value as is; anything else (no hop timed) as 0. */
  private static double nonNegative(double ms) {
    return Double.isFinite(ms) && ms > 0 ? ms : 0;
  }

  static String baseName(Path reportJson) {
    String name = reportJson.getFileName().toString();
    return name.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
  }
}
