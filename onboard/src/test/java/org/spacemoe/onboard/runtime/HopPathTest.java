package org.spacemoe.onboard.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.spacemoe.onboard.shard.ExpertExecutor;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.onboard.transport.FrameTransport;
import org.spacemoe.onboard.transport.InboundFrameHandler;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.ActivationFrameCodec;
import org.spacemoe.shared.frame.FrameKind;

class HopPathTest {
  /** Delivers every frame at once to whichever transport hosts the addressee. */
  private static final class Loopback {
    final Map<String, InboundFrameHandler> hosts = new ConcurrentHashMap<>();

    FrameTransport transport() {
      return new FrameTransport() {
        @Override
        public void start(List<String> hosted, InboundFrameHandler handler) {
          hosted.forEach(s -> hosts.put(s, handler));
        }

        @Override
        public void send(String from, String to, byte[] frame, long sentAtNanos, long holdNanos) {
          hosts.get(to).onFrame(to, from, frame, sentAtNanos, System.nanoTime());
        }

        @Override
        public void publish(String topic, byte[] payload) {}

        @Override
        public boolean isConnected() {
          return true;
        }

        @Override
        public void close() {}
      };
    }
  }

  @Test
  void aRequestReachesTheExpertRoleAndItsResponseComesBack() throws Exception {
    Loopback net = new Loopback();
    BlockingQueue<float[]> seen = new ArrayBlockingQueue<>(4);
    BlockingQueue<byte[]> responses = new ArrayBlockingQueue<>(4);
    ExpertExecutor doubling = new ExpertExecutor() {
      @Override
      public float[] run(float[] x) {
        seen.add(x.clone());
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
          y[i] = 2 * x[i];
        }
        return y;
      }

      @Override
      public void close() {}
    };
    NodeTelemetry telemetry = new NodeTelemetry();
    try (HopPath path = new HopPath(net.transport(), net.transport(), 3, doubling,
        (sat, from, frame, sentAt, arrived) -> responses.add(frame), telemetry).start()) {
      path.sendRequest(7, 2, new float[] {1, -2, 0.5f});
      assertArrayEquals(new float[] {1, -2, 0.5f}, seen.poll(5, TimeUnit.SECONDS));
      ActivationFrame back = new ActivationFrameCodec().decode(responses.poll(5, TimeUnit.SECONDS));
      assertEquals(FrameKind.EXPERT_RESPONSE, back.kind());
      assertEquals(7, back.sequenceId());
      assertEquals(2, back.tokenStep());
      assertArrayEquals(new float[] {2, -4, 1}, back.values());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (telemetry.hopCount() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertEquals(1, telemetry.hopCount(), "the expert node counts the hop once its role has returned");
      assertTrue(telemetry.dropsByReason().isEmpty(), telemetry.dropsByReason().toString());
    }
  }
}
