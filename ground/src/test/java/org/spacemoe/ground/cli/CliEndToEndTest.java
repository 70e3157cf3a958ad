package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.TestScenarios;

/** plan, then evaluate and draw that plan, through the command line. */
class CliEndToEndTest {
  @TempDir Path dir;

  @Test
  void planEvaluateDraw() throws IOException {
    Path plan = dir.resolve("P.json");
    CliRun p = CliRun.of("plan", "--constellation", TestScenarios.SMALL_CONSTELLATION, "--model", TestScenarios.SMALL_MODEL,
        "--slots", "20", "--out", plan.toString());
    assertEquals(0, p.exit(), p.describe());
    assertTrue(p.out().contains("equal on every layer"), p.out());
    JsonNode planJson = new ObjectMapper().readTree(plan.toFile());
    assertEquals("spacemoe", planJson.get("strategy").asText());
    assertEquals(8, planJson.get("layers").size());

    Path report = dir.resolve("out/E.json");
    CliRun e = CliRun.of("evaluate", "--plan", plan.toString(), "--samples", "200", "--report", report.toString());
    assertEquals(0, e.exit(), e.describe());
    JsonNode r = new ObjectMapper().readTree(report.toFile()).get("report");
    assertTrue(r.get("meanTokenLatencyS").asDouble() > 0, r.toString());
    // 200 samples over min(200, 20 slots) = 20 realisations of ceil(200 / 20) = 10 tokens
    assertEquals(200, r.get("tokens").asLong() + r.get("excludedTokens").asLong());
    // the plan's model has 8 layers: one breakdown per layer
    assertEquals(8, r.get("layers").size());
    assertTrue(e.out().contains("spacemoe"), e.out());

    Path png = dir.resolve("M.png");
    CliRun d = CliRun.of("draw", "--plan", plan.toString(), "--out", png.toString());
    assertEquals(0, d.exit(), d.describe());
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img, "not a readable PNG");
    assertTrue(img.getWidth() > 0 && img.getHeight() > 0);
    assertTrue(Files.size(png) > 0);
  }
}
