package org.spacemoe.onboard.watchdog;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code intervalMs}: if the runtime answers its liveness probe within half the interval, sends
 * {@code WATCHDOG=1} and the current {@code STATUS=}; otherwise sends nothing, so after {@code WatchdogSec}
 * without a ping systemd kills and restarts the service. Runs on its own daemon thread, so a stuck runtime cannot
 * stop the decision. {@code READY=1} and {@code STOPPING=1} are not its business ({@link ReadyNotifier},
 * {@link SystemdWatchdog#stopping}).
 */
public final class WatchdogPinger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchdogPinger.class);

  private final NotifySender sender;
  private final LongPredicate responsive;
  private final Supplier<String> status;
  private final long intervalMs;
  private final ScheduledExecutorService thread;
  private final AtomicLong pings = new AtomicLong();
  private final AtomicLong missed = new AtomicLong();

  /**
   * @param responsive the liveness probe, given its timeout in ms
   * @param status a one-line status for {@code systemctl status}
   * @param intervalMs time between pings, ms (a third of {@code WatchdogSec})
   */
  public WatchdogPinger(NotifySender sender, LongPredicate responsive, Supplier<String> status, long intervalMs) {
    if (intervalMs < 1) {
      throw new IllegalArgumentException("watchdog interval must be >= 1 ms, got " + intervalMs);
    }
    this.sender = sender;
    this.responsive = responsive;
    this.status = status;
    this.intervalMs = intervalMs;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "spacemoe-watchdog");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts the pings. */
  public WatchdogPinger start() {
    thread.scheduleWithFixedDelay(this::tick, 0, intervalMs, TimeUnit.MILLISECONDS);
    return this;
  }

  /** One decision: ping when the runtime is responsive. */
  void tick() {
    try {
      if (responsive.test(Math.max(1, intervalMs / 2))) {
        if (sender.send("WATCHDOG=1", "STATUS=" + status.get())) {
          pings.incrementAndGet();
        }
      } else {
        missed.incrementAndGet();
        LOG.warn("watchdog: the runtime did not answer its liveness probe within {} ms; not pinging systemd",
            Math.max(1, intervalMs / 2));
      }
    } catch (RuntimeException e) {
      missed.incrementAndGet();
      LOG.warn("watchdog: {}", e.toString());
    }
  }

  /** Pings sent. */
  public long pings() {
    return pings.get();
  }

  /** Ticks without a ping because the runtime did not answer. */
  public long missed() {
    return missed.get();
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
