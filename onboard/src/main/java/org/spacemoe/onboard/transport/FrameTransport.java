package org.spacemoe.onboard.transport;

import java.util.List;

/** Moves encoded frames between satellites (over MQTT in flight and on benches). */
public interface FrameTransport extends AutoCloseable {
  /**
   * Connects and subscribes to the inbound topics of {@code hostedSatellites}; may be called again after it
   * failed.
   */
  void start(List<String> hostedSatellites, InboundFrameHandler handler);

  /**
   * Publishes {@code frame} from {@code fromSatellite} to the inbound topic of {@code toSatellite} without
   * blocking; a full send queue drops the frame and counts it. The receiver learns {@code fromSatellite} (replies
   * and acknowledgements go there).
   *
   * @param sentAtNanos when the sender decided to send ({@link System#nanoTime()})
   * @param holdNanos how long the link emulator held it before this call
   */
  void send(String fromSatellite, String toSatellite, byte[] frame, long sentAtNanos, long holdNanos);

  /** Publishes raw bytes on any topic (token results, errors, telemetry). */
  void publish(String topic, byte[] payload);

  /** Publishes a retained message (heartbeats: a late subscriber sees the last one at once). */
  default void publishRetained(String topic, byte[] payload) {
    publish(topic, payload);
  }

  /**
   * Also takes each hosted satellite's commands (uplink offers, chunks, activation) and hands them to {@code
   * handler} (satellite, payload) without blocking; call before {@link #start}.
   *
   * @throws UnsupportedOperationException when this transport carries no commands
   */
  default void setCommandHandler(java.util.function.BiConsumer<String, byte[]> handler) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " carries no commands");
  }

  /**
   * Waits until every publish handed to this transport so far has been acknowledged by the broker and none was
   * added for {@code quietMs}, at most {@code timeoutMs} (a graceful stop, before {@link #close}).
   *
   * @return true when nothing was left to send
   */
  default boolean flush(long timeoutMs, long quietMs) {
    return true;
  }

  /** Connected and subscribed: frames for the hosted satellites arrive. */
  boolean isConnected();

  /**
   * Topics the broker refuses this node's publishes to (an ACL that does not grant them), with the MQTT reason
   * code of the last refusal; a topic leaves the map once a publish to it is accepted.
   */
  default java.util.Map<String, Integer> refusedTopics() {
    return java.util.Map.of();
  }

  /** Drops the connection at once, as a power loss would: no DISCONNECT, nothing flushed. */
  default void abort() {
    close();
  }

  @Override
  void close();
}
