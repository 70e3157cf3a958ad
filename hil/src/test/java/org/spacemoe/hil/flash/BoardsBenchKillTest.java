package org.spacemoe.hil.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.hil.bench.BenchWorkspace;
import org.spacemoe.hil.cli.HilCli;
import org.spacemoe.shared.plan.PlanJson;
import picocli.CommandLine;

/**
 * {@code hil bench --inventory --faults kill:gateway-of-layer-1@T}: the board hosting layer 1's gateway (alone) is
 * killed with SIGKILL over SSH mid-generation; its standby on the other board takes over, the bench restarts the
 * killed board's script service as systemd would, and every token equals the reference.
 */
@Timeout(300)
class BoardsBenchKillTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @TempDir Path dir;

  @Test
  void aKilledGatewayBoardIsReplacedByItsStandbyAndRestarted() throws Exception {
    Path work = dir.resolve("bench-work");
    BenchWorkspace ws = BenchWorkspace.prepare(LoopbackBench.options(work, BROKER.uri()), true);
    String victim = ws.plan().layers().get(1).gateway();
    List<String> rest = new ArrayList<>(ws.satellites());
    rest.remove(victim);
    String standby = ws.plan().layers().get(1).standby();
    assertTrue(standby != null && !standby.equals(victim), "layer 1 has a standby on another satellite: " + standby);
    try (LoopbackBench bench = LoopbackBench.create(dir, BROKER.uri(), List.of(rest, List.of(victim)), null, ws, 0.5)) {
      Path pid = bench.pidFile(1);
      Path report = dir.resolve("kill.json");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cl = HilCli.newCommandLine();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute("bench", "--inventory", bench.inventory.toString(), "--preset", "tiny", "--tokens", "30",
          "--faults", "kill:gateway-of-layer-1@1500ms", "--dist", bench.dist.toString(), "--known-hosts",
          dir.resolve("known_hosts").toString(), "--health-timeout", "90", "--work-dir", work.toString(),
          "--report", report.toString());
      assertEquals(0, code, out + "\n" + err);
      JsonNode f = PlanJson.mapper().readTree(report.toFile()).get("bench").get("faults");
      assertEquals(30, f.get("tokensCompleted").asInt(), out.toString());
      assertEquals(30, f.get("tokensIdenticalToReference").asInt(), out.toString());
      assertEquals(0, f.get("tokensLost").asInt());
      JsonNode injected = f.get("injected").get(0);
      assertEquals("injected", injected.get("outcome").asText(), out.toString());
      assertTrue(injected.get("atS").asDouble() >= 1.5, out.toString());
      JsonNode restart = f.get("nodeRestarts").get(0);
      assertEquals(victim, restart.get("satellites").get(0).asText(), out.toString());
      assertTrue(restart.get("reason").asText().contains("restarted by the bench"), out.toString());
      assertTrue(Files.exists(pid), "the killed board runs again");
    }
  }
}
