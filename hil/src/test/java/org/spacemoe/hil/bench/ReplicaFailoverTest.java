package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.link.LinkDelayModel;
import org.spacemoe.onboard.reference.ReferenceGenerator;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;
import org.spacemoe.shared.plan.PlanJson;

/**
 * A plan with two copies of every expert, run by real onboard runtimes over the embedded broker: the copies serve
 * and the tokens match the single-process reference; with the node of the copy the gateway prefers stopped, the
 * tokens still match, after one expert timeout (one round of fail-overs, counted), because the silent host stays
 * suspect and later requests go straight to the other copy.
 */
class ReplicaFailoverTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  private static final long TIMEOUT_MS = 1_000;
  private static final int NEW_TOKENS = 4;

  @Test
  @Timeout(180)
  void tokensCompleteOnTheOtherCopyAfterOneExpertTimeout(@TempDir Path dir) throws Exception {
    TinyBench bench = TinyBench.prepare(dir.resolve("bench"));
    PlacementPlan plan = withReplicas(bench.plan());
    Path data = bench.copyData(dir.resolve("replicas"));
    PlanJson.write(plan, data.resolve("plan.json"));
    ReferenceGenerator.Generation ref = bench.reference(TinyBench.PROMPT, NEW_TOKENS);
    long v = plan.planVersion();

    // the copy layer 0's gateway prefers for the first expert it asks (lowest modelled latency, slot 0 pinned)
    int expert = ref.steps().get(0).selectedExperts()[0][0];
    String victim = preferredCopy(plan, 0, expert, 4 * plan.inputs().model().hidden());
    for (LayerPlacement lp : plan.layers()) {
      assertNotEquals(victim, lp.gateway(), "the tiny plan keeps gateways apart from expert hosts");
    }
    List<String> others = new ArrayList<>(bench.satellites());
    others.remove(victim);

    OnboardConfig mainCfg = bench.config(BROKER.uri(), others, data);
    mainCfg.setExpertTimeoutMs(TIMEOUT_MS);
    OnboardConfig victimCfg = bench.config(BROKER.uri(), List.of(victim), data);
    try (OnboardRuntime main = new OnboardRuntime(mainCfg).start()) {
      assertTrue(main.isHealthy(), () -> "main node up: " + main.health());
      long firstMs;
      try (OnboardRuntime victimNode = new OnboardRuntime(victimCfg).start()) {
        assertTrue(victimNode.isHealthy(), () -> "victim node up: " + victimNode.health());
        // every listed copy loads its shard: the victim holds two experts of layer 0 (its own and a replica)
        assertEquals(2, ((Number) victimNode.health().get("shardsLoaded")).intValue(), () -> "" + victimNode.health());
        long t0 = System.nanoTime();
        int[] got = run(bench, v, TokenDriver.newSequenceId(), main);
        firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertArrayEquals(ref.generated(), got, "all copies up");
        assertFalse(victimNode.telemetry().expertActivations().isEmpty(), "the preferred copy served requests");
        assertEquals(0, main.telemetry().expertFailovers());
      }

      long t0 = System.nanoTime();
      int[] got = run(bench, v, TokenDriver.newSequenceId() + 1, main);
      long secondMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertArrayEquals(ref.generated(), got, "the victim's node stopped");
      long failovers = main.telemetry().expertFailovers();
      int topK = plan.inputs().model().topK();
      System.out.printf("replica fail-over: all copies up %d ms, preferred copy's node stopped %d ms, %d fail-overs, "
          + "duplicates %d%n", firstMs, secondMs, failovers, lateOutputs(main));
      assertTrue(failovers >= 1 && failovers <= topK,
          "one round of fail-overs (at most top-k requests re-sent), got " + failovers);
      assertEquals(0L, main.telemetry().dropCount(org.spacemoe.onboard.telemetry.DropReason.EXPERT_TIMEOUT));
      assertTrue(secondMs >= TIMEOUT_MS, "waited one expert timeout: " + secondMs + " ms");
      // a timeout per token step would cost (prompt + new tokens - 1) timeouts; one costs one
      assertTrue(secondMs < firstMs + 3 * TIMEOUT_MS,
          "at most one expert timeout: " + secondMs + " ms vs " + firstMs + " ms with all copies up");
    }
  }

  /**
   * The preferred copy is up but slow (its link hold stretched past the expert timeout): the other copy answers
   * first, the slow copy's outputs arrive late and are counted as duplicates, never combined again.
   */
  @Test
  @Timeout(180)
  void lateOutputsOfASlowCopyAreCountedAndNotCombined(@TempDir Path dir) throws Exception {
    TinyBench bench = TinyBench.prepare(dir.resolve("bench"));
    PlacementPlan plan = withReplicas(bench.plan());
    Path data = bench.copyData(dir.resolve("replicas"));
    PlanJson.write(plan, data.resolve("plan.json"));
    ReferenceGenerator.Generation ref = bench.reference(TinyBench.PROMPT, NEW_TOKENS);
    int hidden = plan.inputs().model().hidden();
    int expert = ref.steps().get(0).selectedExperts()[0][0];
    String slow = preferredCopy(plan, 0, expert, 4 * hidden);
    assertNotEquals(plan.layers().get(0).gateway(), slow, "the slow copy is a link away from its gateway");
    List<String> others = new ArrayList<>(bench.satellites());
    others.remove(slow);
    OnboardConfig mainCfg = bench.config(BROKER.uri(), others, data);
    mainCfg.setExpertTimeoutMs(TIMEOUT_MS);
    OnboardConfig slowCfg = bench.config(BROKER.uri(), List.of(slow), data);
    // the slow copy's outputs wait about two expert timeouts before they leave (emulated link hold)
    double backS = linkDelays(plan).latencyS(0, slow, plan.layers().get(0).gateway(), 4 * hidden);
    slowCfg.setTimeScale(2.0 * TIMEOUT_MS / 1000 / backS);
    slowCfg.setCompensateTransit(false);
    try (OnboardRuntime main = new OnboardRuntime(mainCfg).start();
        OnboardRuntime slowNode = new OnboardRuntime(slowCfg).start()) {
      assertTrue(main.isHealthy() && slowNode.isHealthy(), () -> main.health() + " " + slowNode.health());
      int[] got = run(bench, plan.planVersion(), TokenDriver.newSequenceId(), main);
      assertArrayEquals(ref.generated(), got, "the fast copy's outputs, combined once");
      long failovers = main.telemetry().expertFailovers();
      assertTrue(failovers >= 1, "fail-overs " + failovers);
      // the slow copy is asked again before it is suspect, so each fail-over leaves one or more late outputs
      org.spacemoe.hil.Await.until(java.time.Duration.ofSeconds(10),
          () -> lateOutputs(main) >= failovers,
          () -> "every re-sent request's slow original arrives late and is counted: duplicates "
              + lateOutputs(main) + ", fail-overs " + failovers + ", drops " + main.telemetry().dropsByReason());
      assertEquals(0L, main.telemetry().dropCount(org.spacemoe.onboard.telemetry.DropReason.UNEXPECTED_RESPONSE));
      System.out.printf("slow copy: %d fail-overs, %d late duplicates%n", failovers, lateOutputs(main));
    }
  }

  /** Expert outputs that came after the expert's first one: ignored duplicates. */
  private static long lateOutputs(OnboardRuntime node) {
    return node.telemetry().duplicatesIgnoredByKind().getOrDefault("EXPERT_RESPONSE", 0L);
  }

  /** Generates through the nodes; a failure names what the main node counted. */
  private static int[] run(TinyBench bench, long v, long seq, OnboardRuntime main) throws Exception {
    try (TokenDriver driver = new TokenDriver(BROKER.uri())) {
      boolean ok = driver.run(v, bench.entry(), seq, TinyBench.PROMPT, NEW_TOKENS, false, 60_000, n -> { });
      int[] got = driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray();
      assertTrue(ok, () -> "errors " + driver.errors() + ", got " + Arrays.toString(got) + "; main node: drops "
          + main.telemetry().dropsByReason() + ", re-sent " + main.telemetry().retriesByKind() + ", duplicates "
          + main.telemetry().duplicatesIgnoredByKind() + ", fail-overs " + main.telemetry().expertFailovers()
          + ", health " + main.health());
      return got;
    }
  }

  /** The plan with a second copy of expert e of every layer on the first host of expert e + 1 (mod E). */
  static PlacementPlan withReplicas(PlacementPlan plan) {
    List<LayerPlacement> layers = new ArrayList<>();
    for (LayerPlacement lp : plan.layers()) {
      int n = lp.experts().size();
      List<List<String>> experts = new ArrayList<>();
      for (int e = 0; e < n; e++) {
        String primary = lp.experts().get(e).get(0);
        String replica = lp.experts().get((e + 1) % n).get(0);
        assertNotEquals(primary, replica, "one expert per satellite in the tiny plan");
        experts.add(List.of(primary, replica));
      }
      layers.add(new LayerPlacement(lp.layer(), lp.subnet(), lp.gateway(), experts, lp.combine()));
    }
    return new PlacementPlan(plan.schemaVersion(), plan.planVersion(), plan.strategy(), plan.constellationId(), layers,
        plan.shardDigests(), plan.inputs(), plan.linkCodecs());
  }

  private static LinkDelayModel linkDelays(PlacementPlan plan) {
    PlanInputs in = plan.inputs();
    return new LinkDelayModel(ConstellationSpecs.parse(in.constellationSpec()),
        IslRules.defaults().withTrackingLimit(in.trackingLimitRadPerS()), in.slots(), in.islRateBitsPerS());
  }

  /** The gateway's rule with no host suspect: the copy with the lowest modelled latency in slot 0. */
  private static String preferredCopy(PlacementPlan plan, int layer, int expert, int bytes) {
    LinkDelayModel delays = linkDelays(plan);
    LayerPlacement lp = plan.layers().get(layer);
    String best = null;
    double bestS = Double.POSITIVE_INFINITY;
    for (String h : lp.experts().get(expert)) {
      double s = delays.latencyS(0, lp.gateway(), h, bytes);
      if (best == null || s < bestS) {
        best = h;
        bestS = s;
      }
    }
    return best;
  }
}
