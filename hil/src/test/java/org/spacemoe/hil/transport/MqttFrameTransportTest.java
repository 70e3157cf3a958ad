package org.spacemoe.hil.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spacemoe.hil.Await;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.onboard.transport.MqttFrameTransport;

/**
 * The MQTT transport under bursts from many threads (as the node sends: pool threads and the link emulator's
 * timer at once), through a real broker: every frame arrives once, nothing is dropped, the connection stays up.
 * Brokers grant a small receive maximum (HiveMQ 10, Mosquitto 20) and topic aliases; neither may cost frames.
 */
@Timeout(60)
class MqttFrameTransportTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @Test
  void burstsFromManyThreadsAllArrive() throws Exception {
    int threads = 8;
    int perThread = 150;
    int total = threads * perThread;
    NodeTelemetry sendTel = new NodeTelemetry();
    NodeTelemetry recvTel = new NodeTelemetry();
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    CountDownLatch all = new CountDownLatch(total);
    List<String> sats = List.of("burst-a", "burst-b", "burst-c");
    try (MqttFrameTransport receiver = new MqttFrameTransport(BROKER.uri(), null, null, 4096, recvTel);
        MqttFrameTransport sender = new MqttFrameTransport(BROKER.uri(), null, null, 4096, sendTel)) {
      receiver.start(sats, (sat, from, frame, sentAt, arrivedAt) -> {
        if (seen.add(ByteBuffer.wrap(frame).getInt())) {
          all.countDown();
        }
      });
      sender.start(List.of("burst-sender"), (sat, from, frame, sentAt, arrivedAt) -> { });
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        for (int t = 0; t < threads; t++) {
          int base = t * perThread;
          pool.execute(() -> {
            for (int i = 0; i < perThread; i++) {
              byte[] frame = ByteBuffer.allocate(256).putInt(base + i).array();
              sender.send("burst-sender", sats.get((base + i) % sats.size()), frame, System.nanoTime(), 0);
            }
          });
        }
        assertTrue(all.await(30, TimeUnit.SECONDS), () -> "arrived " + seen.size() + " of " + total
            + "; sender drops " + sendTel.dropsByReason() + ", connected " + sender.isConnected());
      } finally {
        pool.shutdownNow();
      }
      Await.until(Duration.ofSeconds(5), () -> sendTel.framesSent() == total, () -> "sent " + sendTel.framesSent());
      assertEquals(Set.of(), sendTel.dropsByReason().keySet(), "sender drops");
      assertEquals(Set.of(), recvTel.dropsByReason().keySet(), "receiver drops");
      assertTrue(sender.isConnected() && receiver.isConnected(), "both still connected");
    }
  }
}
