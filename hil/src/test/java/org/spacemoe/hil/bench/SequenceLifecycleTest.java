package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.reference.ReferenceGenerator;
import org.spacemoe.onboard.runtime.OnboardRuntime;

/**
 * Sequences on a long-running node: ids reused by a later run, and sequences running side by side. Three layers,
 * so that the state of a gateway after the entry shows in a hidden state the driver watches.
 */
@Timeout(120)
class SequenceLifecycleTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @TempDir static Path dir;
  static TinyBench bench;
  static OnboardRuntime node;

  @BeforeAll
  static void start() throws Exception {
    bench = TinyBench.prepare(dir, 3);
    node = new OnboardRuntime(bench.config(BROKER.uri(), bench.satellites())).start();
    assertTrue(node.isHealthy(), () -> "node up: " + node.health());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** Generates through the node; checks every inter-layer hidden state against the reference and returns the tokens. */
  private static int[] generate(long seq, int[] prompt, int n) throws Exception {
    ReferenceGenerator.Generation ref = bench.reference(prompt, n);
    try (TokenDriver driver = new TokenDriver(BROKER.uri())) {
      boolean ok = driver.run(bench.planVersion(), bench.entry(), seq, prompt, n, true, 30_000, x -> { });
      int[] got = driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray();
      assertTrue(ok, () -> "sequence " + seq + ": errors " + driver.errors() + ", got " + Arrays.toString(got)
          + ", drops " + node.telemetry().dropsByReason());
      int compared = 0;
      for (ReferenceGenerator.Step step : ref.steps()) {
        for (int l = 1; l < bench.plan().layers().size(); l++) {
          float[] seen = driver.hiddenStates().get(TokenDriver.hiddenKey(step.position(), l));
          if (seen == null) {
            continue;
          }
          float[] want = step.layerHidden()[l - 1];
          for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], seen[i], BenchRunner.HIDDEN_TOLERANCE, "sequence " + seq + " step "
                + step.position() + " hidden state into layer " + l + " [" + i + "]");
          }
          compared++;
        }
      }
      assertEquals(ref.steps().size() * (bench.plan().layers().size() - 1), compared,
          "hidden states seen of sequence " + seq);
      return got;
    }
  }

  @Test
  void aSequenceIdUsedAgainRepublishesItsTokensAndComputesNothing() throws Exception {
    // starts are idempotent: a start with an id the entry knows (running or finished) is a duplicate, answered
    // with the tokens generated so far; a new generation needs a new id and starts from an empty context
    int[] want = bench.reference(TinyBench.PROMPT, 4).generated();
    assertArrayEquals(want, generate(31L, TinyBench.PROMPT, 4));
    long startsBefore = node.telemetry().duplicatesIgnoredByKind().getOrDefault("START", 0L);
    assertArrayEquals(want, republished(31L, TinyBench.PROMPT, 4), "the same sequence id run again");
    int[] other = {9, 3, 5};
    assertArrayEquals(want, republished(31L, other, 4), "another prompt, same id: still the first run's tokens");
    assertEquals(startsBefore + 2, node.telemetry().duplicatesIgnoredByKind().getOrDefault("START", 0L));
    assertArrayEquals(bench.reference(other, 3).generated(), generate(32L, other, 3), "another prompt, new id");
  }

  /** Starts {@code seq} again; returns the tokens that came back, checking no hidden state was computed. */
  private static int[] republished(long seq, int[] prompt, int n) throws Exception {
    try (TokenDriver driver = new TokenDriver(BROKER.uri())) {
      assertTrue(driver.run(bench.planVersion(), bench.entry(), seq, prompt, n, true, 30_000, x -> { }),
          () -> "errors " + driver.errors());
      assertTrue(driver.hiddenStates().isEmpty(), "a duplicate start computes nothing");
      return driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray();
    }
  }

  @Test
  void sequencesSideBySideEachMatchTheReference() throws Exception {
    int[] p1 = {1, 2, 3, 4};
    int[] p2 = {7, 7, 2};
    int[] want1 = bench.reference(p1, 5).generated();
    int[] want2 = bench.reference(p2, 5).generated();
    CompletableFuture<int[]> a = CompletableFuture.supplyAsync(() -> unchecked(101L, p1, 5));
    CompletableFuture<int[]> b = CompletableFuture.supplyAsync(() -> unchecked(102L, p2, 5));
    assertArrayEquals(want1, a.get(60, TimeUnit.SECONDS));
    assertArrayEquals(want2, b.get(60, TimeUnit.SECONDS));
  }

  private static int[] unchecked(long seq, int[] prompt, int n) {
    try {
      return generate(seq, prompt, n);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
