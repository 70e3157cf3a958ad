package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.Await;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.shared.plan.LinkCodecs;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;

/**
 * A plan that gives each link class its own codec, run by a real onboard runtime through a real broker: every
 * frame on the wire uses the codec its link class (and, for hidden states, its receiving layer) names.
 */
class LinkCodecOverridesTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @Test
  @Timeout(120)
  void eachLinkClassSendsInItsOwnCodec(@TempDir Path dir) throws Exception {
    TinyBench bench = TinyBench.prepare(dir, 3);
    // fp32 by default; hidden states fp16, but int8 into layer 2; expert outputs int8; expert inputs default
    PlacementPlan plan = bench.plan().withLinkCodecs(new LinkCodecs("fp32", "fp16", null, "int8", Map.of("2", "int8")));
    PlanJson.write(plan, bench.workspace.dataDir().resolve("plan.json"));
    int newTokens = 4;
    int steps = TinyBench.PROMPT.length + newTokens - 1;
    try (OnboardRuntime node = new OnboardRuntime(bench.config(BROKER.uri(), bench.satellites())).start();
        TokenDriver driver = new TokenDriver(BROKER.uri())) {
      assertTrue(node.isHealthy(), () -> "node should be up: " + node.health());
      boolean ok = driver.run(plan.planVersion(), bench.entry(), 5L, TinyBench.PROMPT, newTokens, true, 30_000,
          n -> { });
      assertTrue(ok, () -> "sequence finished: errors " + driver.errors());
      int topK = bench.workspace.manifest().shape().topK();
      Map<String, Long> expected = Map.of(
          "TOKEN/I32", 1L + steps, // the start, then one ring closure per step
          "HIDDEN/FP16", (long) steps,
          "HIDDEN/INT8", (long) steps,
          "EXPERT_REQUEST/FP32", (long) steps * 3 * topK,
          "EXPERT_RESPONSE/INT8", (long) steps * 3 * topK);
      // the last ring closure to the entry may cross the broker just after the last token was published
      // ACK and END are control frames of the delivery protocol, not activations
      Await.until(Duration.ofSeconds(10), () -> expected.equals(activations(driver.wire().framesByKindAndCodec())),
          () -> "frames by kind/codec: expected " + expected + ", saw " + driver.wire().framesByKindAndCodec());
      assertTrue(node.telemetry().dropsByReason().isEmpty(), () -> node.telemetry().dropsByReason().toString());
    }
  }

  private static Map<String, Long> activations(Map<String, Long> byKindAndCodec) {
    Map<String, Long> m = new java.util.TreeMap<>(byKindAndCodec);
    m.keySet().removeIf(k -> k.startsWith("ACK/") || k.startsWith("END/"));
    return m;
  }
}
