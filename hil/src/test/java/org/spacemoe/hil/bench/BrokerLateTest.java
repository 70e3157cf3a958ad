package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.Await;
import org.spacemoe.hil.TcpForwarder;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.runtime.OnboardRuntime;

/**
 * The broker is not there when the node starts (a boot race on a board): the node is unhealthy with the
 * broker as reason, keeps trying, and serves once the broker appears. Then a broker connection cut while running
 * is healed as well.
 */
class BrokerLateTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  private static void generatesTheReference(TinyBench bench, long seq) throws Exception {
    int[] want = bench.reference(TinyBench.PROMPT, 3).generated();
    try (TokenDriver driver = new TokenDriver(BROKER.uri())) {
      boolean ok = driver.run(bench.planVersion(), bench.entry(), seq, TinyBench.PROMPT, 3, false, 30_000, n -> { });
      int[] got = driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray();
      assertTrue(ok, () -> "errors " + driver.errors() + ", got " + Arrays.toString(got));
      assertArrayEquals(want, got);
    }
  }

  @Test
  @Timeout(180)
  void nodeConnectsWhenTheBrokerAppearsLater(@TempDir Path dir) throws Exception {
    TinyBench bench = TinyBench.prepare(dir);
    int port = TcpForwarder.freePort();
    String late = "tcp://127.0.0.1:" + port;
    try (OnboardRuntime node = new OnboardRuntime(bench.config(late, bench.satellites())).start()) {
      assertFalse(node.isHealthy());
      String reason = String.valueOf(node.health().get("reason"));
      assertTrue(reason.contains("broker") && reason.contains(late), reason);
      try (TcpForwarder broker = new TcpForwarder(port, BROKER.uri())) {
        // a CONNECT that stalls (seen once in CI: the reconnect after the first session's loss got no CONNACK) is
        // given up after Paho's 30 s connection timeout and tried again: allow two of them
        Await.until(Duration.ofSeconds(75), node::isHealthy, () -> "node health " + node.health());
        generatesTheReference(bench, 31L);

        // the connection is cut under a running node: Paho reconnects and resubscribes
        broker.cutConnections();
        Await.until(Duration.ofSeconds(10), () -> !node.isHealthy(), () -> "node noticed the cut: " + node.health());
        assertTrue(String.valueOf(node.health().get("reason")).contains("broker"), () -> "" + node.health());
        // Paho's reconnect, and the transport's watchdogs if that stalls (resubscribe after 5 s, a new client after
        // 20 s down)
        Await.until(Duration.ofSeconds(45), node::isHealthy, () -> "node health " + node.health()
            + ", retries " + node.telemetry().retriesByKind());
        generatesTheReference(bench, 32L);
      }
    }
  }
}
