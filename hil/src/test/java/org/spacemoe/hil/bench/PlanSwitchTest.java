package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Strategies;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * A node switches plans at a sequence boundary: a sequence that started on plan v1 finishes on v1 after v2
 * became active (no token lost, duplicated or computed on a mix of versions), new sequences run on v2, and a
 * new sequence asking for v1 is refused and counted.
 */
@Timeout(120)
class PlanSwitchTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @TempDir Path dir;

  @Test
  void aRunningSequenceFinishesOnItsPlanWhileNewOnesUseTheActivatedOne() throws Exception {
    TinyBench bench = TinyBench.prepare(dir, 3);
    BenchWorkspace ws = bench.workspace;
    PlacementPlan v2 = Strategies.byName("rand-intra").place(new PlanningContext(ws.scenario().withSeed(7)))
        .placement().toPlan(ws.scenario(), 2);
    Set<String> all = new LinkedHashSet<>(bench.satellites());
    for (LayerPlacement lp : v2.layers()) {
      all.add(lp.gateway());
      lp.experts().forEach(all::addAll);
    }
    PlanEntry.ENTRIES.put(1L, bench.entry());
    PlanEntry.ENTRIES.put(2L, v2.layers().get(0).gateway());
    int[] prompt = TinyBench.PROMPT;
    int n = 24;
    int[] want = bench.reference(prompt, n).generated();
    try (OnboardRuntime node = new OnboardRuntime(bench.config(BROKER.uri(), List.copyOf(all))).start()) {
      assertTrue(node.isHealthy(), () -> "node up: " + node.health());
      assertEquals(1, node.activePlanVersion());
      java.util.concurrent.CountDownLatch firstToken = new java.util.concurrent.CountDownLatch(1);
      CompletableFuture<int[]> onV1 = CompletableFuture.supplyAsync(
          () -> generate(1, 11L, prompt, n, 30_000, k -> firstToken.countDown()));
      assertTrue(firstToken.await(30, TimeUnit.SECONDS), "the v1 sequence is running");
      node.install(v2, ws.modelDir());
      node.activate(2);
      assertEquals(2, node.activePlanVersion());
      int[] first = onV1.get(60, TimeUnit.SECONDS);
      assertArrayEquals(want, first, "the sequence started on v1 finishes on v1: " + Arrays.toString(first));
      assertArrayEquals(bench.reference(prompt, 4).generated(), generate(2, 12L, prompt, 4), "a new sequence on v2");
      long before = node.telemetry().dropCount(DropReason.WRONG_PLAN_VERSION);
      int[] refused = generate(1, 13L, prompt, 2, 1_500);
      assertEquals(0, refused.length, "a new sequence on the replaced plan gets no token");
      assertTrue(node.telemetry().dropCount(DropReason.WRONG_PLAN_VERSION) > before);
      assertFalse(node.telemetry().dropsByReason().containsKey(DropReason.EXPERT_TIMEOUT.name()));
    }
  }

  private static int[] generate(long version, long seq, int[] prompt, int n) {
    return generate(version, seq, prompt, n, 30_000, k -> { });
  }

  private static int[] generate(long version, long seq, int[] prompt, int n, long timeoutMs) {
    return generate(version, seq, prompt, n, timeoutMs, k -> { });
  }

  private static int[] generate(long version, long seq, int[] prompt, int n, long timeoutMs,
      java.util.function.IntConsumer progress) {
    try (TokenDriver driver = new TokenDriver(BROKER.uri())) {
      PlanEntry entry = PlanEntry.of(version);
      driver.run(version, entry.entry, seq, prompt, n, false, timeoutMs, progress);
      return driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Entry satellite per plan version, set by the test. */
  private static final class PlanEntry {
    static final java.util.Map<Long, String> ENTRIES = new java.util.concurrent.ConcurrentHashMap<>();
    final String entry;

    private PlanEntry(String entry) {
      this.entry = entry;
    }

    static PlanEntry of(long version) {
      return new PlanEntry(ENTRIES.get(version));
    }
  }
}
