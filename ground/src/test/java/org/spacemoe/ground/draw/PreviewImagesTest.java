package org.spacemoe.ground.draw;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.spacemoe.ground.charts.StrategyBar;
import org.spacemoe.ground.charts.StrategyLatencyChart;
import org.spacemoe.ground.charts.SweepChart;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.WalkerConstellation;
import org.spacemoe.shared.constellation.WalkerParameters;
import org.spacemoe.shared.constellation.WalkerPattern;

/** Writes one example of every picture for a person to look at: {@code -Dspacemoe.preview.dir=/tmp/charts-preview}. */
@EnabledIfSystemProperty(named = "spacemoe.preview.dir", matches = ".+")
class PreviewImagesTest {
  private final Path dir = Path.of(System.getProperty("spacemoe.preview.dir", "."));

  @Test
  void writePreviews() throws IOException {
    Constellation paper = new WalkerConstellation(WalkerParameters.paper());
    PlacementMapRenderer.writePng(TinyPlans.ring(paper, 32, 1, 8), paper, 600, dir.resolve("map-paper.png"));
    Constellation small = new WalkerConstellation(new WalkerParameters(WalkerPattern.STAR, 6, 8, 550, 87, 1));
    PlacementMapRenderer.writePng(TinyPlans.ring(small, 4, 2, 3), small, 300, dir.resolve("map-small.png"));

    StrategyLatencyChart.writePng(List.of(
        new StrategyBar("RandPlace", 5.31, 6.02),
        new StrategyBar("RandIntra", 4.15, 4.71),
        new StrategyBar("RandIntra-CG", 3.35, 3.83),
        new StrategyBar("SpaceMoE", 1.05, 1.12)),
        "Per-token latency, 33x32 Walker star, 550 km", dir.resolve("strategy-latency.png"));

    double[] altitude = {400, 550, 800, 1000, 1200};
    Map<String, double[]> sweep = new LinkedHashMap<>();
    sweep.put("RandPlace", new double[] {5.0, 5.31, 5.9, Double.NaN, 6.8});
    sweep.put("RandIntra", new double[] {3.9, 4.15, 4.6, 4.9, 5.3});
    sweep.put("RandIntra-CG", new double[] {3.2, 3.35, 3.6, 3.8, 4.0});
    sweep.put("SpaceMoE", new double[] {1.02, 1.05, 1.09, 1.12, 1.16});
    SweepChart.writePng("Mean per-token latency vs altitude", "altitude (km)", altitude, sweep,
        dir.resolve("sweep-altitude.png"));
    SweepChart.writePng("Mean per-token latency vs altitude (log y)", "altitude (km)", altitude, sweep, true,
        dir.resolve("sweep-altitude-log.png"));

    double[] layers = {2, 4, 8, 16, 32};
    Map<String, double[]> bench = new LinkedHashMap<>();
    bench.put("predicted", new double[] {0.0042, 0.0089, 0.031, 0.12, 0.47});
    bench.put("measured", new double[] {0.0051, Double.NaN, 0.036, 0.15, 0.61});
    SweepChart.writePng("HIL bench: latency vs model depth", "layers", layers, bench, true,
        dir.resolve("sweep-bench-log.png"));
  }
}
