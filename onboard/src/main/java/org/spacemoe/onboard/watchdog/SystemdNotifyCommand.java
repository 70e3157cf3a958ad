package org.spacemoe.onboard.watchdog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends sd_notify messages by running {@code systemd-notify VAR=VALUE...}, which inherits {@code NOTIFY_SOCKET}.
 * systemd 246 and later make it wait until the manager has processed the message, so the message is attributed
 * to this service even though the sender exits at once (the unit needs {@code NotifyAccess=all}: the sender is a
 * child, not the main process).
 */
public final class SystemdNotifyCommand implements NotifySender {
  private final String executable;
  private final long timeoutMs;

  /** @param executable {@code systemd-notify} or a path to it */
  public SystemdNotifyCommand(String executable, long timeoutMs) {
    this.executable = executable;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public boolean send(String... assignments) {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable);
    cmd.addAll(List.of(assignments));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
