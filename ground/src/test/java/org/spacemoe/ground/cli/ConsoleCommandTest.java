package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ground console}'s bad options: exit 2 with one line naming the option. */
class ConsoleCommandTest {
  @ParameterizedTest
  @CsvSource({
      "--port, 70000, --port",
      "--port, -1, --port",
      "--bind, no.such.host.invalid, --bind",
      "--bind, 192.0.2.1, --bind",
      "--slot, 3, --slot"})
  void badOptionsExitTwoNamingTheOption(String option, String value, String mention) {
    CliRun r = CliRun.of("console", "--broker", "tcp://127.0.0.1:1", option, value);
    assertEquals(2, r.exit(), r.describe());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.describe());
    assertTrue(lines.get(0).startsWith("error: " + mention), r.describe());
  }

  @Test
  void missingBrokerExitsTwoNamingIt() {
    CliRun r = CliRun.of("console", "--port", "0");
    assertEquals(2, r.exit(), r.describe());
    assertTrue(r.err().lines().findFirst().orElse("").contains("--broker"), r.describe());
  }

  @Test
  void unreachableOrMalformedBrokerExitsTwoNamingIt() {
    for (String uri : List.of("tcp://127.0.0.1:1", "http://127.0.0.1:1883")) {
      CliRun r = CliRun.of("console", "--broker", uri, "--port", "0");
      assertEquals(2, r.exit(), r.describe());
      assertTrue(r.err().startsWith("error: --broker"), r.describe());
    }
  }
}
