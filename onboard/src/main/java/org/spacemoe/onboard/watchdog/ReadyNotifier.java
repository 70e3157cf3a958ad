package org.spacemoe.onboard.watchdog;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Sends {@code READY=1} (with the current {@code STATUS=}) once, as soon as the runtime is ready for service
 * ({@link org.spacemoe.onboard.runtime.OnboardRuntime#isReady}): with {@code Type=notify}, {@code systemctl start}
 * returns and units ordered after this one start only then. Polls on its own daemon thread.
 */
public final class ReadyNotifier implements AutoCloseable {
  /** How often readiness is checked, ms. */
  static final long POLL_MS = 100;

  private final NotifySender sender;
  private final BooleanSupplier ready;
  private final Supplier<String> status;
  private final ScheduledExecutorService thread;
  private volatile boolean sent;

  public ReadyNotifier(NotifySender sender, BooleanSupplier ready, Supplier<String> status) {
    this.sender = sender;
    this.ready = ready;
    this.status = status;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "spacemoe-ready");
      t.setDaemon(true);
      return t;
    });
  }

  public ReadyNotifier start() {
    thread.scheduleWithFixedDelay(this::check, 0, POLL_MS, TimeUnit.MILLISECONDS);
    return this;
  }

  /** One check: sends READY=1 the first time the runtime is ready, then stops checking. */
  void check() {
    if (sent || !ready.getAsBoolean()) {
      return;
    }
    if (sender.send("READY=1", "STATUS=" + status.get())) {
      sent = true;
      thread.shutdown();
    }
  }

  /** READY=1 was sent. */
  public boolean sent() {
    return sent;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
