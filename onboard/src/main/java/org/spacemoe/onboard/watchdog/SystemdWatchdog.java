package org.spacemoe.onboard.watchdog;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spacemoe.onboard.runtime.OnboardRuntime;

/**
 * The service manager's side of the runtime ({@code Type=notify}). Started with the runtime. Under systemd
 * ({@code NOTIFY_SOCKET} set) it sends {@code READY=1} once the application has started ({@link ApplicationStarted})
 * and the runtime is ready ({@link OnboardRuntime#isReady}: plan and shards loaded or their problem known, broker
 * connected); with {@code WatchdogSec=}
 * ({@code WATCHDOG_USEC} set, and {@code WATCHDOG_PID} this process if set) it pings every third of the watchdog
 * interval while {@link OnboardRuntime#responsive} holds, through the stop's drain too; {@link #stopping} sends
 * {@code STOPPING=1} when a graceful stop begins. Elsewhere it does nothing.
 */
@Context
@Requires(property = "notify.socket") // the environment variable NOTIFY_SOCKET: only under systemd
public class SystemdWatchdog {
  private static final Logger LOG = LoggerFactory.getLogger(SystemdWatchdog.class);

  private final WatchdogPinger pinger;
  private final ReadyNotifier ready;
  private final NotifySender sender;
  private final OnboardRuntime runtime;

  public SystemdWatchdog(OnboardRuntime runtime, ApplicationStarted started) {
    this(runtime, started::get, System.getenv(), new SystemdNotifyCommand("systemd-notify", 5_000));
  }

  /** @param started the application has started (its shutdown hook is registered) */
  SystemdWatchdog(OnboardRuntime runtime, java.util.function.BooleanSupplier started, Map<String, String> env,
      NotifySender sender) {
    this.sender = sender;
    this.runtime = runtime;
    Long interval = pingIntervalMs(env, ProcessHandle.current().pid());
    if (env.get("NOTIFY_SOCKET") == null) {
      pinger = null;
      ready = null;
      return;
    }
    ready = new ReadyNotifier(sender, () -> started.getAsBoolean() && runtime.isReady(), () -> status(runtime.health())).start();
    if (interval == null) {
      pinger = null;
      return;
    }
    LOG.info("systemd watchdog: pinging every {} ms while the runtime answers", interval);
    pinger = new WatchdogPinger(sender, runtime::responsive, () -> status(runtime.health()), interval).start();
  }

  /**
   * A third of {@code WATCHDOG_USEC} in ms, or null when there is no watchdog for {@code pid} (unset, not a
   * positive number, or {@code WATCHDOG_PID} names another process).
   */
  static Long pingIntervalMs(Map<String, String> env, long pid) {
    String usec = env.get("WATCHDOG_USEC");
    String forPid = env.get("WATCHDOG_PID");
    if (usec == null || (forPid != null && !forPid.trim().equals(Long.toString(pid)))) {
      return null;
    }
    try {
      long us = Long.parseLong(usec.trim());
      return us <= 0 ? null : Math.max(1, us / 3_000);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A one-line status from the health details. */
  static String status(Map<String, Object> health) {
    Object reason = health.get("reason");
    return health.get("status") + (reason == null ? "" : ": " + reason) + "; plan v" + health.get("planVersion")
        + ", " + health.get("shardsLoaded") + " shards, broker " + (Boolean.TRUE.equals(health.get("brokerConnected"))
            ? "connected" : "not connected");
  }

  /** A graceful stop begins: {@code STOPPING=1} with the status (the watchdog pings go on while it drains). */
  public void stopping() {
    if (ready != null) {
      sender.send("STOPPING=1", "STATUS=" + status(runtime.health()));
    }
  }

  @PreDestroy
  void stop() {
    if (ready != null) {
      ready.close();
    }
    if (pinger != null) {
      pinger.close();
    }
  }
}
