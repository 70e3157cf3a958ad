package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.shared.model.onnx.ShardEntry;

/**
 * A node that cannot serve starts anyway, unhealthy, with a reason that names what is wrong: it neither throws
 * nor exits (the process stays up for the operator and its health endpoint).
 */
@Timeout(60)
class UnhealthyStartTest {
  @TempDir static Path dir;
  static TinyBench bench;

  @BeforeAll
  static void prepare() throws IOException {
    bench = TinyBench.prepare(dir.resolve("bench"));
  }

  /** A loopback port nothing listens on. */
  private static String closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return "tcp://127.0.0.1:" + s.getLocalPort();
    }
  }

  /** Starts a node hosting every satellite on {@code data}; returns its health after start() returned. */
  private static Map<String, Object> startUnhealthy(Path data, String broker) {
    OnboardConfig cfg = bench.config(broker, bench.satellites(), data);
    return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      try (OnboardRuntime node = new OnboardRuntime(cfg)) {
        assertTrue(node == node.start(), "start() returns the node");
        Map<String, Object> h = node.health();
        assertFalse(node.isHealthy(), () -> "should be unhealthy: " + h);
        assertEquals("DOWN", h.get("status"), h::toString);
        assertEquals(false, h.get("brokerConnected"), h::toString);
        return h;
      }
    });
  }

  private static String reason(Map<String, Object> health) {
    return String.valueOf(health.get("reason"));
  }

  private static ShardEntry someExpert() {
    return bench.workspace.manifest().expert(1, 2);
  }

  @Test
  void missingShardNamesTheShard(@TempDir Path tmp) throws Exception {
    Path data = bench.copyData(tmp.resolve("data"));
    ShardEntry shard = someExpert();
    Files.delete(data.resolve("model").resolve(shard.file()));
    // the broker is never reached: a closed port proves the shard check comes first
    String r = reason(startUnhealthy(data, closedPort()));
    assertTrue(r.contains(shard.name()) && r.contains("missing"), r);
  }

  @Test
  void corruptShardFailsItsDigest(@TempDir Path tmp) throws Exception {
    Path data = bench.copyData(tmp.resolve("data"));
    ShardEntry shard = bench.workspace.manifest().gateway(0);
    Path file = data.resolve("model").resolve(shard.file());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);
    String r = reason(startUnhealthy(data, closedPort()));
    assertTrue(r.contains(shard.name()) && r.contains("SHA-256 mismatch"), r);
  }

  @Test
  void noPlanSaysSo(@TempDir Path tmp) throws Exception {
    Path data = bench.copyData(tmp.resolve("data"));
    Files.delete(data.resolve("plan.json"));
    String r = reason(startUnhealthy(data, closedPort()));
    assertTrue(r.contains("no plan"), r);
    assertTrue(r.contains("plan.json"), r);
  }

  @Test
  void emptyDataDirectorySaysNoPlan(@TempDir Path tmp) throws Exception {
    Path data = Files.createDirectories(tmp.resolve("nothing-here"));
    assertTrue(reason(startUnhealthy(data, closedPort())).contains("no plan"));
  }

  @Test
  void unreachableBrokerIsTheReason() throws Exception {
    String broker = closedPort();
    Map<String, Object> h = startUnhealthy(bench.workspace.dataDir(), broker);
    String r = reason(h);
    assertTrue(r.contains("broker") && r.contains(broker), r);
    // plan and shards were fine
    assertEquals(bench.planVersion(), h.get("planVersion"), h::toString);
    assertTrue((Integer) h.get("shardsLoaded") > 0, h::toString);
  }
}
