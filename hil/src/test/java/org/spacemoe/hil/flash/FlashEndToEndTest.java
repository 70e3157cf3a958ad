package org.spacemoe.hil.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.hil.cli.HilCli;
import org.spacemoe.shared.plan.PlanJson;
import picocli.CommandLine;

/**
 * {@code hil flash} end to end against a real SSH server in this process: two boards (directories here) get the
 * distribution, their configuration, the plan and their shards, start through the pid-file script and report UP;
 * a third board is down and reported so while the others flash; a second flash finds every board current,
 * copies nothing and restarts nothing (and makes a secret that was readable 0600 again); a new distribution
 * version changes one file and restarts. The configuration, which holds the TLS store password, is mode 0600.
 */
@Timeout(300)
class FlashEndToEndTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @TempDir Path dir;

  private record Result(int code, String out, String err, JsonNode report) {}

  private static Result hil(Path report, String... args) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = HilCli.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    JsonNode r = Files.exists(report) ? PlanJson.mapper().readTree(report.toFile()) : null;
    return new Result(code, out.toString(), err.toString(), r);
  }

  private static String mode(Path file) throws java.io.IOException {
    return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private static String outcome(JsonNode report, int board) {
    return report.get("boards").get(board).get("outcome").asText();
  }

  @Test
  void flashesUpBoardsReportsTheDownOneAndChangesNothingTheSecondTime() throws Exception {
    try (LoopbackBench bench = LoopbackBench.create(dir, BROKER.uri(), 2, true)) {
      Path known = dir.resolve("known_hosts");
      Result first = hil(dir.resolve("first.json"), "flash", "--inventory", bench.inventory.toString(), "--dist",
          bench.dist.toString(), "--plan", bench.planFile().toString(), "--shards", bench.shardsDir().toString(),
          "--known-hosts", known.toString(), "--ssh-timeout", "30", "--health-timeout", "90",
          "--report", dir.resolve("first.json").toString());
      assertEquals(1, first.code(), first.out() + first.err());
      assertEquals("CHANGED", outcome(first.report(), 0), first.out());
      assertEquals("CHANGED", outcome(first.report(), 1), first.out());
      assertEquals("DOWN", outcome(first.report(), 2), first.out());
      assertTrue(first.report().get("boards").get(2).get("reason").asText().contains("ssh "), first.out());
      assertEquals("UP", first.report().get("boards").get(0).get("health").asText(), first.out());
      assertTrue(Files.isSymbolicLink(bench.installDirs.get(0).resolve("current")));
      assertTrue(Files.exists(bench.installDirs.get(1).resolve("current/data/plan.json")));
      String pid0 = Files.readString(bench.pidFile(0));
      Path config0 = bench.installDirs.get(0).resolve("current/config/application.yml");
      assertEquals("rw-------", mode(config0), "the configuration holds the TLS store password: 0600");
      assertEquals("rw-------", mode(bench.installDirs.get(1).resolve("current/config/application.yml")));
      assertFalse(mode(bench.installDirs.get(0).resolve("current/data/plan.json")).equals("rw-------"),
          "only secrets are restricted");
      Files.setPosixFilePermissions(config0, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

      Result second = hil(dir.resolve("second.json"), "flash", "--inventory", bench.inventory.toString(), "--dist",
          bench.dist.toString(), "--plan", bench.planFile().toString(), "--shards", bench.shardsDir().toString(),
          "--known-hosts", known.toString(), "--only", "board-0", "--only", "board-1",
          "--report", dir.resolve("second.json").toString());
      assertEquals(0, second.code(), second.out() + second.err());
      for (int i = 0; i < 2; i++) {
        JsonNode b = second.report().get("boards").get(i);
        assertEquals("UNCHANGED", b.get("outcome").asText(), second.out());
        assertEquals(0, b.get("filesChanged").asInt());
        assertFalse(b.get("serviceStarted").asBoolean());
      }
      assertEquals(pid0, Files.readString(bench.pidFile(0)), "an unchanged board is not restarted");
      assertEquals("rw-------", mode(config0), "a board flashed with a readable secret gets it 0600 again");

      TestDistribution.write(bench.dist, "2");
      Result third = hil(dir.resolve("third.json"), "flash", "--inventory", bench.inventory.toString(), "--dist",
          bench.dist.toString(), "--plan", bench.planFile().toString(), "--shards", bench.shardsDir().toString(),
          "--known-hosts", known.toString(), "--only", "board-0", "--report", dir.resolve("third.json").toString());
      assertEquals(0, third.code(), third.out() + third.err());
      JsonNode b0 = third.report().get("boards").get(0);
      assertEquals("CHANGED", b0.get("outcome").asText());
      assertEquals(1, b0.get("filesChanged").asInt(), "only VERSION differs");
      assertTrue(b0.get("serviceStarted").asBoolean());
      assertEquals("2\n", Files.readString(bench.installDirs.get(0).resolve("current/spacemoe-onboard/VERSION")));
      assertEquals(1, third.report().get("boards").size());
      assertEquals("rw-------", mode(bench.installDirs.get(0).resolve("current/config/application.yml")));
    }
  }
}
