package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.cli.BuildVersion;
import org.spacemoe.shared.cli.UsageCheck;

class CliHelpTest {
  @Test
  void everyCommandsHelpRendersWithoutAWarning() {
    UsageCheck.Result r = UsageCheck.check(GroundCli.newCommandLine());
    assertEquals(Map.of(), r.problems());
    // all 15 commands, the keys subcommand and help were rendered
    assertTrue(r.help().size() >= 17, r.help().keySet().toString());
    assertTrue(r.help().containsKey("spacemoe-ground keys generate"), r.help().keySet().toString());
    assertTrue(r.help().get("spacemoe-ground reproduce").contains("--quiet"));
  }

  @Test
  void versionIsTheBuildsOnEveryCommand() {
    CliRun root = CliRun.of("--version");
    assertEquals(0, root.exit());
    assertEquals(BuildVersion.line("spacemoe-ground") + "\n", root.out());
    CliRun plan = CliRun.of("plan", "--version");
    assertEquals(BuildVersion.line("spacemoe-ground") + "\n", plan.out());
  }

  @Test
  void anUnreadableInputFileIsBadInputAndAnUnknownOptionToo() {
    CliRun missing = CliRun.of("evaluate", "--plan", "/nonexistent/plan.json");
    assertEquals(2, missing.exit(), missing.describe());
    assertEquals(1, missing.err().lines().count(), missing.describe());
    CliRun unknown = CliRun.of("--no-such-option");
    assertEquals(2, unknown.exit(), unknown.describe());
    assertTrue(unknown.err().startsWith("error: Unknown option: '--no-such-option'"), unknown.describe());
    assertTrue(unknown.err().contains("Try 'spacemoe-ground --help' for usage."), unknown.describe());
  }
}
