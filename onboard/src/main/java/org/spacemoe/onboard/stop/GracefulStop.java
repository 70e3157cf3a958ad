package org.spacemoe.onboard.stop;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.onboard.watchdog.SystemdWatchdog;
import sun.misc.Signal;

/**
 * The graceful stop: new sequences refused ({@code DRAINING}), {@code STOPPING=1} to systemd, then
 * {@link OnboardRuntime#drain} for at most {@code stop-drain-ms} (sequences in flight finished, those left failed
 * with {@code DRAINING}, the send queue flushed), then the runtime closed (the broker session ends with a
 * DISCONNECT), so nothing of this node is published after the process exits. Runs once.
 *
 * <p>SIGTERM ({@code systemctl stop}, the pid-file script's stop, {@code kill}) and SIGINT are taken here
 * ({@link #handleSignals}, installed by {@code OnboardApplication.main}) rather than by the JVM's shutdown hooks,
 * because the hooks run all at once: ONNX Runtime's own hook releases its native environment while the drain would
 * still run shards on it, which crashes the JVM (SIGSEGV). So the drain and the close come first, then
 * {@link System#exit} with 128 + the signal (143 for SIGTERM, a success for the systemd unit) runs the hooks. A
 * second signal during the drain exits at once. A context stopped otherwise ({@link ShutdownEvent}, e.g. an
 * embedding test) drains the same way before its beans are destroyed.
 */
@Context
public class GracefulStop implements ApplicationEventListener<ShutdownEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

  private final OnboardRuntime runtime;
  private final long drainMs;
  private final Optional<SystemdWatchdog> systemd;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicBoolean signalled = new AtomicBoolean();

  public GracefulStop(OnboardRuntime runtime, OnboardConfig config, Optional<SystemdWatchdog> systemd) {
    this.runtime = runtime;
    this.drainMs = config.getStopDrainMs();
    this.systemd = systemd;
  }

  /** Takes SIGTERM and SIGINT: the graceful stop, then exit with 128 + the signal's number. */
  public void handleSignals() {
    for (String name : List.of("TERM", "INT")) {
      Signal.handle(new Signal(name), this::onSignal);
    }
  }

  private void onSignal(Signal signal) {
    int status = 128 + signal.getNumber();
    if (!signalled.compareAndSet(false, true)) {
      LOG.warn("second SIG{} while stopping: exiting without waiting for the drain", signal.getName());
      System.exit(status);
      return;
    }
    LOG.info("SIG{}: stopping gracefully (stop-drain-ms {})", signal.getName(), drainMs);
    try {
      stop();
      runtime.close();
    } catch (RuntimeException | Error e) {
      LOG.error("graceful stop: {}", e.toString());
    } finally {
      System.exit(status);
    }
  }

  @Override
  public void onApplicationEvent(ShutdownEvent event) {
    stop();
  }

  /**
   * New sequences refused, STOPPING=1 (its status says so), then the drain; a no-op after the first call.
   *
   * @return what the drain did, or empty if a stop had already run
   */
  public Optional<OnboardRuntime.StopReport> stop() {
    if (!stopped.compareAndSet(false, true)) {
      return Optional.empty();
    }
    runtime.refuseNewSequences(drainMs);
    systemd.ifPresent(SystemdWatchdog::stopping);
    return Optional.of(runtime.drain(drainMs));
  }
}
