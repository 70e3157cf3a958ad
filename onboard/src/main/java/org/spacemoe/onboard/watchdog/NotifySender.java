package org.spacemoe.onboard.watchdog;

/** Sends one sd_notify message ({@code READY=1}, {@code WATCHDOG=1}, {@code STATUS=...}) to the service manager. */
@FunctionalInterface
public interface NotifySender {
  /** @return true when the message was handed to the service manager */
  boolean send(String... assignments);
}
