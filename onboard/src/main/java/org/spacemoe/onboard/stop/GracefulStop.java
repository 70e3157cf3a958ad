package org.spacemoe.onboard.stop;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import java.util.Optional;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.onboard.watchdog.SystemdWatchdog;

/**
 * The graceful stop. SIGTERM ({@code systemctl stop}, the pid-file script's stop, {@code kill}) runs the JVM's
 * shutdown hooks; Micronaut's stops the application context, which publishes a {@link ShutdownEvent} before it
 * destroys any bean. Here, on that event: {@code STOPPING=1} to systemd, then {@link OnboardRuntime#drain} for at
 * most {@code stop-drain-ms} (new sequences refused with {@code DRAINING}, those in flight finished or failed with
 * {@code DRAINING}, the send queue flushed). Only then are the beans destroyed: the runtime's close ends the broker
 * session with a DISCONNECT, so nothing of this node is published after the process exits.
 */
@Context
public class GracefulStop implements ApplicationEventListener<ShutdownEvent> {
  private final OnboardRuntime runtime;
  private final long drainMs;
  private final Optional<SystemdWatchdog> systemd;

  public GracefulStop(OnboardRuntime runtime, OnboardConfig config, Optional<SystemdWatchdog> systemd) {
    this.runtime = runtime;
    this.drainMs = config.getStopDrainMs();
    this.systemd = systemd;
  }

  @Override
  public void onApplicationEvent(ShutdownEvent event) {
    stop();
  }

  /** STOPPING=1, then the drain. */
  public OnboardRuntime.StopReport stop() {
    systemd.ifPresent(SystemdWatchdog::stopping);
    return runtime.drain(drainMs);
  }
}
