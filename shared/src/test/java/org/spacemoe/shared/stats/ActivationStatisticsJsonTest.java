package org.spacemoe.shared.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.model.MoeModel;

class ActivationStatisticsJsonTest {
  @TempDir
  Path dir;

  @Test
  void writesSharesOneLayerPerLine() {
    ActivationStatistics stats = new ActivationStatistics("test", new double[][] {{1, 3}, {2, 2}});
    assertEquals("""
        {
          "format": "spacemoe-activation-stats",
          "version": 1,
          "source": "test",
          "layers": [
            [ 0.25, 0.75 ],
            [ 0.5, 0.5 ]
          ]
        }
        """, ActivationStatisticsJson.toJson(stats));
  }

  @Test
  void writtenFileReadsBackWithItsSource() throws Exception {
    ActivationStatistics stats = ActivationStatistics.zipf(3, 4, 1.2);
    Path file = dir.resolve("sub/stats.json");
    ActivationStatisticsJson.write(stats, file);
    ActivationStatistics back = ActivationStatisticsFile.read(file, new MoeModel("m", 3, 4, 2, 1, 1, 1));
    assertEquals(file + " (zipf:1.2)", back.source());
    for (int l = 0; l < 3; l++) {
      for (int e = 0; e < 4; e++) {
        assertEquals(stats.share(l, e), back.share(l, e), 1e-12);
      }
    }
    assertEquals(ActivationStatisticsJson.toJson(stats), Files.readString(file));
  }
}
