package org.spacemoe.onboard.startup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.onboard.config.OnboardConfig;

/** Real Micronaut start failures reduce to one line that still names what is wrong. */
class StartupFailureTest {
  @TempDir Path dataDir;

  private String failure(Map<String, Object> extra) {
    Map<String, Object> p = new HashMap<>();
    p.put("spacemoe.onboard.satellites", List.of("p01s01"));
    p.put("spacemoe.onboard.data-dir", dataDir.toString());
    p.put("spacemoe.onboard.broker", "tcp://127.0.0.1:1");
    p.putAll(extra);
    RuntimeException e = assertThrows(RuntimeException.class, () -> {
      try (ApplicationContext ctx = ApplicationContext.builder().properties(p).start()) {
        ctx.getBean(OnboardConfig.class);
      }
    });
    String line = StartupFailure.oneLine(e);
    assertFalse(line.contains("\n"), line);
    return line;
  }

  @Test
  void anUnsetEnvironmentVariableIsNamed() {
    String line = failure(Map.of("spacemoe.onboard.tls-store-password", "${SPACEMOE_TEST_UNSET_PASSWORD_VAR}"));
    assertTrue(line.contains("SPACEMOE_TEST_UNSET_PASSWORD_VAR"), line);
  }

  @Test
  void anInvalidValueNamesItsKey() {
    String line = failure(Map.of("spacemoe.onboard.stop-drain-ms", -1));
    assertTrue(line.contains("stop-drain-ms") || line.contains("stopDrainMs"), line);
  }

  @Test
  void anUnknownKeyIsNamed() {
    String line = failure(Map.of("spacemoe.onboard.stop-drian-ms", 5));
    assertTrue(line.contains("stop-drian-ms"), line);
  }

  @Test
  void aChainWithoutMessagesGivesTheExceptionType() {
    assertTrue(StartupFailure.oneLine(new IllegalStateException()).contains("IllegalStateException"));
  }
}
