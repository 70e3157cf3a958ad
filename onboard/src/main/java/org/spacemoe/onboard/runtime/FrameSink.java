package org.spacemoe.onboard.runtime;

import org.spacemoe.shared.frame.ActivationFrame;

/** Where roles send frames: {@link Outbox} in flight (link emulation, transport), a recording fake in tests. */
interface FrameSink {
  /** Sends {@code frame} from satellite {@code from} to satellite {@code to}, no earlier than {@code notBeforeNanos}. */
  void send(String from, String to, ActivationFrame frame, long notBeforeNanos);

  /** Publishes raw bytes on a topic (sequence errors). */
  void publish(String topic, byte[] payload);

  /** Publishes an encoded frame on {@code topic} no earlier than {@code notBeforeNanos} (token results). */
  void publishAt(String topic, ActivationFrame frame, long notBeforeNanos);

  /** Modelled one-way latency of {@code bytes} from one satellite to another in the current slot, s (0: same). */
  double modelledLatencyS(String from, String to, int bytes);
}
