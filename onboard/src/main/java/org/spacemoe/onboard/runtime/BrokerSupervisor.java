package org.spacemoe.onboard.runtime;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.spacemoe.onboard.transport.InboundFrameHandler;
import org.spacemoe.onboard.transport.FrameTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a node onto the broker: connects and subscribes its satellites, and while the broker does not answer (a
 * boot race on a board) tries again with backoff, 1 s doubling to 10 s, until it answers or the node closes. Once
 * connected, the transport itself reconnects after a drop.
 */
final class BrokerSupervisor {
  private static final String BROKER = "broker: ";
  private static final Logger LOG = LoggerFactory.getLogger(BrokerSupervisor.class);
  private static final long RETRY_FIRST_MS = 1_000;
  private static final long RETRY_MAX_MS = 10_000;

  private final FrameTransport transport;
  private final List<String> satellites;
  private final InboundFrameHandler subscriber;
  private final ScheduledExecutorService timer;
  private final NodeHealth health;
  private final BooleanSupplier hasPlan;
  private final BooleanSupplier closed;

  BrokerSupervisor(FrameTransport transport, List<String> satellites, InboundFrameHandler subscriber,
      ScheduledExecutorService timer, NodeHealth health, BooleanSupplier hasPlan, BooleanSupplier closed) {
    this.transport = transport;
    this.satellites = List.copyOf(satellites);
    this.subscriber = subscriber;
    this.timer = timer;
    this.health = health;
    this.hasPlan = hasPlan;
    this.closed = closed;
  }

  /** Connects now, or schedules the retries; never throws for an unreachable broker. */
  void goOnline() {
    if (!connect()) {
      retry(RETRY_FIRST_MS);
    }
  }

  private boolean connect() {
    try {
      transport.start(satellites, subscriber);
    } catch (RuntimeException e) {
      health.problem(BROKER + e.getMessage() + " (retrying)");
      LOG.warn("broker: {} (retrying)", e.getMessage());
      return false;
    }
    health.online(hasPlan.getAsBoolean());
    LOG.info("connected to the broker for {} satellites", satellites.size());
    return true;
  }

  private void retry(long delayMs) {
    try {
      timer.schedule(() -> {
        if (!closed.getAsBoolean() && !connect()) {
          retry(Math.min(2 * delayMs, RETRY_MAX_MS));
        }
      }, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }
}
