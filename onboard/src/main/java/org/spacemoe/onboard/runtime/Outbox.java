package org.spacemoe.onboard.runtime;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.spacemoe.onboard.link.LinkDelayModel;
import org.spacemoe.onboard.link.LinkFaults;
import org.spacemoe.onboard.link.SlotClock;
import org.spacemoe.onboard.link.TransitEstimator;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.onboard.transport.FrameTransport;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.ActivationFrameCodec;

/**
 * Sends frames between satellites. With link emulation the sender holds each frame for the path latency of
 * the current slot times the time scale; a frame is also held until {@code notBeforeNanos} (compute
 * emulation). Holding happens on the sending side, so no clock sync is needed between boards. Injected link
 * faults ({@link LinkFaults}: loss, duplication, reordering) apply to frames between two different satellites only.
 */
final class Outbox implements FrameSink {
  private final FrameTransport transport;
  private final ScheduledExecutorService timer;
  private final LinkDelayModel delays;
  private final SlotClock clock;
  private final boolean linkEmulation;
  private final double timeScale;
  private final TransitEstimator transit;
  private final LinkFaults faults;
  private final NodeTelemetry telemetry;

  /** @param transit the transport's measured delivery time, subtracted from holds; null: no compensation */
  Outbox(FrameTransport transport, ScheduledExecutorService timer, LinkDelayModel delays, SlotClock clock,
      boolean linkEmulation, double timeScale, TransitEstimator transit) {
    this(transport, timer, delays, clock, linkEmulation, timeScale, transit, LinkFaults.NONE, null);
  }

  /**
   * @param faults injected link faults on frames between satellites
   * @param telemetry counts frames lost by {@code faults} ({@link DropReason#LINK_LOSS_INJECTED}); null: not counted
   */
  Outbox(FrameTransport transport, ScheduledExecutorService timer, LinkDelayModel delays, SlotClock clock,
      boolean linkEmulation, double timeScale, TransitEstimator transit, LinkFaults faults, NodeTelemetry telemetry) {
    this.faults = faults;
    this.telemetry = telemetry;
    this.transit = transit;
    this.transport = transport;
    this.timer = timer;
    this.delays = delays;
    this.clock = clock;
    this.linkEmulation = linkEmulation;
    this.timeScale = timeScale;
  }

  /**
   * Emulated hold for a frame of {@code bytes} from one satellite to another, ns: the modelled path latency
   * times the time scale, less the transport's own measured delivery time (never below 0).
   */
  long holdNanos(String from, String to, int bytes) {
    if (!linkEmulation) {
      return 0;
    }
    long modelled = (long) (delays.latencyS(clock.currentSlot(), from, to, bytes) * timeScale * 1e9);
    long own = transit == null ? 0 : transit.estimateNanos();
    return Math.max(0, modelled - own);
  }

  /**
   * Modelled one-way latency of a frame of {@code bytes} from one satellite to another in the current slot, s
   * (whether or not links are emulated; 0 for the same satellite, and 0 without a delay model).
   */
  @Override
  public double modelledLatencyS(String from, String to, int bytes) {
    return delays == null ? 0 : delays.latencyS(clock.currentSlot(), from, to, bytes);
  }

  @Override
  public void send(String from, String to, ActivationFrame frame, long notBeforeNanos) {
    byte[] bytes = Frames.CODEC.encode(frame);
    long now = System.nanoTime();
    long sendAt = Math.max(now, notBeforeNanos) + holdNanos(from, to, bytes.length);
    // injected link faults: each copy with its extra delay; no copy = lost
    List<Long> copies = from.equals(to) ? List.of(0L) : faults.copiesOfNextFrame();
    if (copies.isEmpty() && telemetry != null) {
      telemetry.dropped(DropReason.LINK_LOSS_INJECTED);
    }
    for (long extra : copies) {
      long delay = sendAt + extra - now;
      if (delay <= 0) {
        transport.send(from, to, bytes, now, 0);
      } else {
        try {
          timer.schedule(() -> transport.send(from, to, bytes, now, System.nanoTime() - now), delay,
              TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          return; // the node is closing
        }
      }
    }
  }

  @Override
  public void publish(String topic, byte[] payload) {
    transport.publish(topic, payload);
  }

  /** Publishes an encoded frame on {@code topic} no earlier than {@code notBeforeNanos} (no link hold). */
  @Override
  public void publishAt(String topic, ActivationFrame frame, long notBeforeNanos) {
    byte[] bytes = Frames.CODEC.encode(frame);
    long delay = notBeforeNanos - System.nanoTime();
    if (delay <= 0) {
      transport.publish(topic, bytes);
    } else {
      timer.schedule(() -> transport.publish(topic, bytes), delay, TimeUnit.NANOSECONDS);
    }
  }
}
