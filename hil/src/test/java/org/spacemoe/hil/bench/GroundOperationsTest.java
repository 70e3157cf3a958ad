package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.cli.GroundCli;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.reference.ReferenceGenerator;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.stats.ActivationStatistics;
import org.spacemoe.shared.stats.ActivationStatisticsFile;
import picocli.CommandLine;

/**
 * {@code ground status} and {@code ground stats} read the satellites' retained heartbeats: after a sequence,
 * status lists every satellite on the active plan, and stats writes the observed activations (exactly the
 * reference run's expert selections, plus the prior) in the format the planner reads.
 */
@Timeout(120)
class GroundOperationsTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @TempDir Path dir;

  @Test
  void statusAndStatsComeFromHeartbeats() throws Exception {
    TinyBench bench = TinyBench.prepare(dir);
    OnboardConfig cfg = bench.config(BROKER.uri(), bench.satellites());
    cfg.setTelemetryIntervalMs(200);
    int n = 5;
    ReferenceGenerator.Generation ref = bench.reference(TinyBench.PROMPT, n);
    try (OnboardRuntime node = new OnboardRuntime(cfg).start();
        TokenDriver driver = new TokenDriver(BROKER.uri())) {
      assertTrue(node.isHealthy(), () -> "node up: " + node.health());
      assertTrue(driver.run(bench.planVersion(), bench.entry(), 21L, TinyBench.PROMPT, n, false, 30_000, x -> { }));
      Thread.sleep(800);

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cl = GroundCli.newCommandLine();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      assertEquals(0, cl.execute("status", "--broker", BROKER.uri(), "--wait-ms", "800"), () -> "status: " + err);
      String table = out.toString();
      for (String sat : bench.satellites()) {
        assertTrue(table.lines().anyMatch(l -> l.startsWith(sat + " ") && l.contains(" UP ")),
            () -> sat + " listed UP on plan 1:\n" + table);
      }

      Path stats = dir.resolve("observed.json");
      CommandLine cl2 = GroundCli.newCommandLine();
      StringWriter err2 = new StringWriter();
      cl2.setOut(new PrintWriter(new StringWriter(), true));
      cl2.setErr(new PrintWriter(err2, true));
      assertEquals(0, cl2.execute("stats", "--broker", BROKER.uri(), "--plan",
          bench.workspace.dataDir().resolve("plan.json").toString(), "--out", stats.toString(), "--prior", "0.5",
          "--wait-ms", "800"), () -> "stats: " + err2);
      assertTrue(Files.size(stats) > 0);
      MoeModel m = bench.workspace.scenario().model();
      ActivationStatistics observed = ActivationStatisticsFile.read(stats, m);
      // every step of the reference ran once through the node: its selections are the activations
      double[][] want = new double[m.layers()][m.experts()];
      for (double[] row : want) {
        java.util.Arrays.fill(row, 0.5);
      }
      for (ReferenceGenerator.Step s : ref.steps()) {
        for (int l = 0; l < m.layers(); l++) {
          for (int e : s.selectedExperts()[l]) {
            want[l][e]++;
          }
        }
      }
      ActivationStatistics expected = new ActivationStatistics("expected", want);
      for (int l = 0; l < m.layers(); l++) {
        for (int e = 0; e < m.experts(); e++) {
          assertEquals(expected.share(l, e), observed.share(l, e), 1e-9, "share of layer " + l + " expert " + e);
        }
      }
    }
  }
}
