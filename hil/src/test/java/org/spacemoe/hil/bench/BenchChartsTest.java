package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchChartsTest {
  @Test
  void plotsAreNamedAfterTheReportWithoutItsJsonExtension() {
    assertEquals("r", BenchCharts.baseName(Path.of("out/r.json")));
    assertEquals("r", BenchCharts.baseName(Path.of("R.JSON").resolveSibling("r.JSON")));
    assertEquals("report.txt", BenchCharts.baseName(Path.of("report.txt")));
  }
}
