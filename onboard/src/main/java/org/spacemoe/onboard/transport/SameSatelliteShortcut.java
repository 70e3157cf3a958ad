package org.spacemoe.onboard.transport;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A transport whose frames from a satellite to itself (a gateway and its expert on one computer, or consecutive
 * pipeline stages) never leave the process: they go straight to the inbound handler, with no broker and no link
 * time, and are counted. Frames between different satellites, even ones this process also hosts, go through the
 * wrapped transport: they are different computers.
 */
public final class SameSatelliteShortcut implements FrameTransport {
  private final FrameTransport inner;
  private final AtomicLong localFrames = new AtomicLong();
  private volatile InboundFrameHandler handler;

  public SameSatelliteShortcut(FrameTransport inner) {
    this.inner = inner;
  }

  @Override
  public void start(List<String> hostedSatellites, InboundFrameHandler h) {
    handler = h;
    inner.start(hostedSatellites, h);
  }

  @Override
  public void send(String fromSatellite, String toSatellite, byte[] frame, long sentAtNanos, long holdNanos) {
    InboundFrameHandler h = handler;
    if (h != null && fromSatellite != null && fromSatellite.equals(toSatellite)) {
      localFrames.incrementAndGet();
      h.onFrame(toSatellite, fromSatellite, frame, sentAtNanos, System.nanoTime());
      return;
    }
    inner.send(fromSatellite, toSatellite, frame, sentAtNanos, holdNanos);
  }

  /** Frames handed from a satellite to itself without the broker. */
  public long localFrames() {
    return localFrames.get();
  }

  @Override
  public void publish(String topic, byte[] payload) {
    inner.publish(topic, payload);
  }

  @Override
  public void publishRetained(String topic, byte[] payload) {
    inner.publishRetained(topic, payload);
  }

  @Override
  public void setCommandHandler(BiConsumer<String, byte[]> commands) {
    inner.setCommandHandler(commands);
  }

  @Override
  public boolean isConnected() {
    return inner.isConnected();
  }

  @Override
  public boolean flush(long timeoutMs, long quietMs) {
    return inner.flush(timeoutMs, quietMs);
  }

  @Override
  public java.util.Map<String, Integer> refusedTopics() {
    return inner.refusedTopics();
  }

  @Override
  public void abort() {
    inner.abort();
  }

  @Override
  public void close() {
    inner.close();
  }
}
