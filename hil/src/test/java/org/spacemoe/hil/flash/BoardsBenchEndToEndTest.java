package org.spacemoe.hil.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * {@code hil bench --inventory} through two boards (processes started by the pid-file script, reached over a real
 * SSH server and a real broker): the plan is flashed first, the tokens equal the reference run's, and every board
 * reports the hops its satellites handled, exactly the hops the plan sends them for the run's expert selections.
 */
@Timeout(300)
class BoardsBenchEndToEndTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @TempDir Path dir;

  @Test
  void tokensThroughTwoBoardsMatchTheReferenceWithPerBoardTimes() throws Exception {
    try (LoopbackBench bench = LoopbackBench.create(dir, BROKER.uri(), 2, false)) {
      Path report = dir.resolve("boards.json");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cl = HilCli.newCommandLine();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute("bench", "--inventory", bench.inventory.toString(), "--preset", "tiny", "--tokens", "6",
          "--dist", bench.dist.toString(), "--known-hosts", dir.resolve("known_hosts").toString(),
          "--health-timeout", "90", "--work-dir", dir.resolve("bench-work").toString(), "--report", report.toString());
      assertEquals(0, code, out + "\n" + err);
      JsonNode r = PlanJson.mapper().readTree(report.toFile());
      assertTrue(r.get("bench").get("matchesReference").asBoolean(), out.toString());
      assertEquals(6, r.get("bench").get("tokens").asInt());
      assertTrue(r.get("flash").get("ok").asBoolean());
      assertEquals(2, r.get("boards").size());
      String base = report.getFileName().toString().replace(".json", "");
      for (String plot : new String[] {"-latency.png", "-hops.png"}) {
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(report.resolveSibling(base + plot).toFile());
        assertTrue(img != null && img.getWidth() > 0, "no readable plot " + base + plot + "\n" + out);
      }
      for (JsonNode b : r.get("boards")) {
        assertTrue(b.get("hops").asLong() > 0, out.toString());
        // exactly the plan's hops, plus at most one per frame re-sent after a missed deadline (on a loaded machine)
        long predicted = b.get("predictedHops").asLong();
        long hops = b.get("hops").asLong();
        assertTrue(hops >= predicted && hops <= predicted + b.get("retries").asLong(), out.toString());
        assertTrue(b.get("linkMs").asDouble() > 0, out.toString());
      }

      // the bench's plan is what the boards now run: a plain flash of the same plan changes nothing
      int again = HilCli.newCommandLine().execute("flash", "--inventory", bench.inventory.toString(), "--dist",
          bench.dist.toString(), "--plan", dir.resolve("bench-work/data/plan.json").toString(), "--shards",
          dir.resolve("bench-work/data/model").toString(), "--known-hosts", dir.resolve("known_hosts").toString(),
          "--report", dir.resolve("again.json").toString());
      assertEquals(0, again);
      JsonNode a = PlanJson.mapper().readTree(dir.resolve("again.json").toFile());
      assertEquals(2, a.get("outcomes").get("unchanged").asInt(), a.toString());
    }
  }
}
