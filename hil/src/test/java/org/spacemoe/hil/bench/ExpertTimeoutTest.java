package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.Await;
import org.spacemoe.hil.MqttProbe;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.reference.ReferenceGenerator;
import org.spacemoe.onboard.runtime.Frames;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.shared.frame.ActivationFrameCodec;
import org.spacemoe.shared.frame.FrameTopics;

/**
 * An expert host that never answers: the gateway fails the token within the expert timeout, says so on the
 * sequence's error topic, counts it, and serves the next sequence once the plan is complete again.
 */
class ExpertTimeoutTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  private static final long TIMEOUT_MS = 400;
  /**
   * The expert is asked again until this, then the token fails with EXPERT_TIMEOUT; the ring's own deadline is
   * twice this from the step's start. Generous, so that a slow first gateway run on a loaded machine (the expert
   * request leaving late) cannot let the ring deadline (DEADLINE_EXCEEDED) fire first.
   */
  private static final long GIVE_UP_MS = 2_000;

  @Test
  @Timeout(120)
  void silentExpertHostFailsTheTokenAndTheNodeRecovers(@TempDir Path dir) throws Exception {
    TinyBench bench = TinyBench.prepare(dir);
    ReferenceGenerator.Generation ref = bench.reference(TinyBench.PROMPT, 4);
    // the expert host layer 0 asks first: the first selected expert of the first prompt token
    int expert = ref.steps().get(0).selectedExperts()[0][0];
    String silent = bench.expertHost(0, expert);
    List<String> others = new ArrayList<>(bench.satellites());
    others.remove(silent);
    OnboardConfig cfg = bench.config(BROKER.uri(), others);
    cfg.setExpertTimeoutMs(TIMEOUT_MS);
    cfg.setGiveUpMs(GIVE_UP_MS);
    long v = bench.planVersion();

    try (OnboardRuntime node = new OnboardRuntime(cfg).start(); MqttProbe probe = new MqttProbe(BROKER.uri())) {
      assertTrue(node.isHealthy(), () -> "node up: " + node.health());
      long seq = 4242L;
      BlockingQueue<byte[]> errors = probe.subscribe(FrameTopics.sequenceErrors(seq));
      BlockingQueue<byte[]> tokens = probe.subscribe(FrameTopics.sequenceTokens(seq));
      long t0 = System.nanoTime();
      probe.publish(FrameTopics.satelliteInbound(bench.entry()),
          new ActivationFrameCodec().encode(Frames.start(v, seq, TinyBench.PROMPT, 4)));

      byte[] error = errors.poll(10, TimeUnit.SECONDS);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertNotNull(error, () -> "no error on " + FrameTopics.sequenceErrors(seq) + "; drops "
          + node.telemetry().dropsByReason());
      org.spacemoe.shared.frame.SequenceError e = org.spacemoe.shared.frame.SequenceErrorCodec.decode(error);
      String msg = e.describe();
      assertEquals(org.spacemoe.shared.frame.SequenceErrorReason.EXPERT_TIMEOUT, e.reason(), msg);
      assertEquals(0, e.layer(), msg);
      assertEquals(0, e.tokenStep(), msg);
      assertTrue(ms >= TIMEOUT_MS, "the gateway waits the timeout first: " + ms + " ms");
      assertTrue(ms < GIVE_UP_MS + 5_000, "error after " + ms + " ms");
      Await.until(Duration.ofSeconds(5), () -> node.telemetry().sequenceFailures().getOrDefault("EXPERT_TIMEOUT", 0L) == 1L,
          () -> "failures " + node.telemetry().sequenceFailures());
      assertTrue(tokens.isEmpty(), "the failed sequence produced no token");
      // exactly one error: the sequence stopped at the failed token
      assertEquals(null, errors.poll(2 * TIMEOUT_MS, TimeUnit.MILLISECONDS), "a second error");

      // the missing satellite comes up in a second process-like runtime: the plan is complete again
      OnboardConfig missing = bench.config(BROKER.uri(), List.of(silent));
      try (OnboardRuntime second = new OnboardRuntime(missing).start();
          TokenDriver driver = new TokenDriver(BROKER.uri())) {
        assertTrue(second.isHealthy(), () -> "second node up: " + second.health());
        boolean ok = driver.run(v, bench.entry(), seq + 1, TinyBench.PROMPT, 4, false, 30_000, n -> { });
        int[] got = driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray();
        assertTrue(ok, () -> "errors " + driver.errors() + ", got " + Arrays.toString(got));
        assertArrayEquals(ref.generated(), got);
      }
      assertEquals(1L, node.telemetry().sequenceFailures().getOrDefault("EXPERT_TIMEOUT", 0L),
          () -> "failures " + node.telemetry().sequenceFailures());
    }
  }
}
