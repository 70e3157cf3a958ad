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

      MoeModel m = bench.workspace.scenario().model();
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
      // the heartbeat after the sequence's last expert call may come a few intervals late on a loaded machine
      long by = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      ActivationStatistics observed = stats(bench, m);
      while (!sameShares(expected, observed, m) && System.nanoTime() < by) {
        Thread.sleep(300);
        observed = stats(bench, m);
      }
      for (int l = 0; l < m.layers(); l++) {
        for (int e = 0; e < m.experts(); e++) {
          assertEquals(expected.share(l, e), observed.share(l, e), 1e-9, "share of layer " + l + " expert " + e);
        }
      }
    }
  }

  /** {@code ground stats} from the retained heartbeats, read back. */
  private ActivationStatistics stats(TinyBench bench, MoeModel m) throws Exception {
    Path stats = dir.resolve("observed.json");
    CommandLine cl = GroundCli.newCommandLine();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));
    assertEquals(0, cl.execute("stats", "--broker", BROKER.uri(), "--plan",
        bench.workspace.dataDir().resolve("plan.json").toString(), "--out", stats.toString(), "--prior", "0.5",
        "--wait-ms", "800"), () -> "stats: " + err);
    assertTrue(Files.size(stats) > 0);
    return ActivationStatisticsFile.read(stats, m);
  }

  private static boolean sameShares(ActivationStatistics a, ActivationStatistics b, MoeModel m) {
    for (int l = 0; l < m.layers(); l++) {
      for (int e = 0; e < m.experts(); e++) {
        if (Math.abs(a.share(l, e) - b.share(l, e)) > 1e-9) {
          return false;
        }
      }
    }
    return true;
  }
}
