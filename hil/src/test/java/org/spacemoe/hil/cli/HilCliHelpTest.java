package org.spacemoe.hil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.cli.BuildVersion;
import org.spacemoe.shared.cli.UsageCheck;
import picocli.CommandLine;

class HilCliHelpTest {
  @Test
  void everyCommandsHelpRendersWithoutAWarning() {
    UsageCheck.Result r = UsageCheck.check(HilCli.newCommandLine());
    assertEquals(Map.of(), r.problems());
    assertTrue(r.help().size() >= 8, r.help().keySet().toString());
    String bench = r.help().get("spacemoe-hil bench");
    assertTrue(bench.contains("greedy agreement >= 99%)"), bench);
    assertTrue(bench.contains("--quiet") && bench.contains("--verbose") && bench.contains("--log-file"), bench);
  }

  @Test
  void versionIsTheBuilds() {
    for (String[] args : new String[][] {{"--version"}, {"bench", "--version"}}) {
      StringWriter out = new StringWriter();
      CommandLine cl = HilCli.newCommandLine();
      cl.setOut(new PrintWriter(out, true));
      assertEquals(0, cl.execute(args));
      assertEquals(BuildVersion.line("spacemoe-hil") + "\n", out.toString());
    }
  }

  @Test
  void aBadCodecIsBadInput() {
    StringWriter err = new StringWriter();
    CommandLine cl = HilCli.newCommandLine();
    cl.setErr(new PrintWriter(err, true));
    assertEquals(2, cl.execute("bench", "--preset", "tiny", "--codec", "fp8"));
    assertEquals("error: --codec: unknown codec 'fp8'; use fp32, fp16, int8 or all\n", err.toString());
  }

  @Test
  void badConsoleOptionsAreBadInputNamingTheOption() {
    String[][] cases = {
        {"--console", "--console-port", "70000"},
        {"--console-port", "9000"},
        {"--console-hold", "5"},
        {"--console", "--console-hold", "-1"}};
    String[] mentions = {"error: --console-port: must be in [0, 65535], got 70000", "error: --console-port: needs --console",
        "error: --console-hold: needs --console", "error: --console-hold:"};
    for (int i = 0; i < cases.length; i++) {
      StringWriter err = new StringWriter();
      CommandLine cl = HilCli.newCommandLine();
      cl.setErr(new PrintWriter(err, true));
      String[] args = new String[cases[i].length + 3];
      args[0] = "bench";
      args[1] = "--preset";
      args[2] = "tiny";
      System.arraycopy(cases[i], 0, args, 3, cases[i].length);
      assertEquals(2, cl.execute(args), err.toString());
      assertTrue(err.toString().startsWith(mentions[i]), err.toString());
    }
  }
}
