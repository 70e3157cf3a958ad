package org.spacemoe.hil.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.onboard.transport.MqttFrameTransport;
import org.spacemoe.onboard.transport.SameSatelliteShortcut;

/**
 * Frames from a satellite to itself are handed over in the process and never published; frames to another
 * satellite hosted by the same process still cross the broker (a different computer).
 */
@Timeout(60)
class SameSatelliteShortcutTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  private record Arrival(String satellite, String from, String payload, long sentAt, long arrivedAt) {}

  @Test
  void aFrameToItsOwnSatelliteSkipsTheBrokerAndOthersDoNot() throws Exception {
    NodeTelemetry tel = new NodeTelemetry();
    LinkedBlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    try (SameSatelliteShortcut t = new SameSatelliteShortcut(
        new MqttFrameTransport(BROKER.uri(), null, null, 64, tel))) {
      t.start(List.of("sat-a", "sat-b"), (sat, from, frame, sentAt, arrivedAt) ->
          arrivals.add(new Arrival(sat, from, new String(frame, StandardCharsets.UTF_8), sentAt, arrivedAt)));

      long sentAt = System.nanoTime();
      t.send("sat-a", "sat-a", "local".getBytes(StandardCharsets.UTF_8), sentAt, 0);
      Arrival local = arrivals.poll(0, TimeUnit.SECONDS);
      assertEquals(new Arrival("sat-a", "sat-a", "local", sentAt, local.arrivedAt()), local,
          "handed over before send returned");
      assertTrue(local.arrivedAt() >= sentAt);
      assertEquals(1, t.localFrames());
      assertEquals(0, tel.framesSent(), "nothing published for a local frame");

      t.send("sat-a", "sat-b", "remote".getBytes(StandardCharsets.UTF_8), System.nanoTime(), 0);
      Arrival remote = arrivals.poll(20, TimeUnit.SECONDS);
      assertEquals("sat-b", remote.satellite());
      assertEquals("sat-a", remote.from());
      assertEquals("remote", remote.payload());
      assertEquals(1, t.localFrames());
      assertEquals(1, tel.framesSent(), "a frame between two hosted satellites crosses the broker");
    }
  }
}
