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
        assertEquals(10_000, c.getStopDrainMs());
        assertUnitOutlastsTheDrain(c.getStopDrainMs());
      } else {
        assertEquals(0, c.getPinnedSlot());
      }
    } finally {
      System.clearProperty("micronaut.config.files");
    }
  }

  /**
   * The shipped unit is Type=notify (READY=1, STOPPING=1 and WATCHDOG=1 from a child of the JVM: NotifyAccess=all),
   * takes the graceful stop's exit 143 as success, and gives the stop at least the drain plus 10 s (flush, close)
   * before its SIGKILL.
   */
  static void assertUnitOutlastsTheDrain(long drainMs) throws Exception {
    Path unit = Path.of("..", "deploy", "systemd", "spacemoe-onboard.service");
    Map<String, String> keys = new java.util.HashMap<>();
    for (String line : Files.readAllLines(unit)) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        keys.put(line.substring(0, eq), line.substring(eq + 1).trim());
      }
    }
    assertEquals("notify", keys.get("Type"));
    assertEquals("all", keys.get("NotifyAccess"));
    assertTrue(keys.get("SuccessExitStatus").contains("143"), keys.toString());
    assertTrue(keys.containsKey("WatchdogSec"), keys.toString());
    String stop = keys.get("TimeoutStopSec");
    assertTrue(stop != null && stop.matches("\\d+s"), "TimeoutStopSec in seconds: " + stop);
    long stopMs = Long.parseLong(stop.substring(0, stop.length() - 1)) * 1000;
    assertTrue(stopMs >= drainMs + 10_000, "TimeoutStopSec " + stop + " < stop-drain-ms " + drainMs + " + 10 s");
  }
}
