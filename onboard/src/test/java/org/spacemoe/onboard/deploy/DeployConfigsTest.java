package org.spacemoe.onboard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.runtime.OnboardRuntime;

/**
 * The example configurations in deploy/config start the real onboard context: no unknown key, no invalid value
 * (the start-up check refuses both). The data directory is a temporary one, so the runtime comes up without a
 * plan.
 */
@Timeout(60)
class DeployConfigsTest {
  @ParameterizedTest
  @ValueSource(strings = {"board.yml", "bench.yml"})
  void theExampleConfigurationStartsTheRuntime(String file, @TempDir Path data) throws Exception {
    Path config = Path.of("..", "deploy", "config", file).toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(config), config.toString());
    System.setProperty("micronaut.config.files", config.toString());
    try (ApplicationContext ctx = ApplicationContext.builder()
        .properties(Map.of("spacemoe.onboard.data-dir", data.toString())).start()) {
      OnboardConfig c = ctx.getBean(OnboardConfig.class);
      assertTrue(!c.getSatellites().isEmpty(), file);
      OnboardRuntime runtime = ctx.getBean(OnboardRuntime.class);
      assertEquals("no plan: " + data.resolve("plan.json") + " does not exist", runtime.health().get("reason"));
      if (file.equals("board.yml")) {
        assertEquals(List.of("p00s00"), c.getSatellites());
      } else {
        assertEquals(0, c.getPinnedSlot());
      }
    } finally {
      System.clearProperty("micronaut.config.files");
    }
  }
}
