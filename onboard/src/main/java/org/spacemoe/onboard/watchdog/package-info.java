/**
 * The service manager's side of the runtime ({@code Type=notify}): {@code READY=1} once it serves
 * ({@link org.spacemoe.onboard.watchdog.ReadyNotifier}), {@code STOPPING=1} when its graceful stop begins, and the
 * watchdog: under a unit with {@code WatchdogSec=} the runtime tells systemd it is alive
 * ({@code WATCHDOG=1}) only while its threads answer a probe, so a hung runtime is restarted
 * ({@code Restart=on-failure}). Messages go through {@code systemd-notify}, since the JDK cannot write to the
 * {@code AF_UNIX} datagram socket {@code $NOTIFY_SOCKET}.
 */
package org.spacemoe.onboard.watchdog;
