package org.spacemoe.onboard.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.cli.BuildVersion;
import org.spacemoe.shared.cli.CliCore;
import org.spacemoe.shared.cli.UsageCheck;
import picocli.CommandLine;

class SelftestHelpTest {
  @Test
  void helpRendersWithoutAWarning() {
    UsageCheck.Result r = UsageCheck.check(CliCore.configure(new CommandLine(new SelftestCommand()), "spacemoe-onboard"));
    assertEquals(Map.of(), r.problems());
    assertTrue(r.help().get("selftest").contains("3: internal error"), r.help().toString());
  }

  @Test
  void versionIsTheBuilds() {
    StringWriter out = new StringWriter();
    assertEquals(0, SelftestCommand.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
        "--version"));
    assertEquals(BuildVersion.line("spacemoe-onboard") + "\n", out.toString());
  }
}
