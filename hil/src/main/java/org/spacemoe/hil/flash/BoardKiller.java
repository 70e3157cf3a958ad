package org.spacemoe.hil.flash;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.spacemoe.hil.inventory.Board;
import org.spacemoe.hil.inventory.ServiceManager;

/**
 * Kills a board's onboard service over SSH with SIGKILL (no drain, no goodbye to the broker) and lets the service
 * manager bring it back: systemd restarts the unit by itself ({@code Restart=on-failure}, {@code RestartSec=5s});
 * the pid-file script has no supervisor, so for {@code service: script} boards this class plays that part and
 * starts the service again after the same {@link #RESTART_DELAY}.
 */
public final class BoardKiller implements AutoCloseable {
  /** Delay before a killed script service is started again: the systemd unit's {@code RestartSec}. */
  public static final Duration RESTART_DELAY = Duration.ofSeconds(5);

  private final SshConnector ssh;
  private final Duration timeout;
  private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "spacemoe-board-restart");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param knownHosts the known-hosts file of the bench's SSH connections
   * @param timeout connect and per-command timeout
   */
  public BoardKiller(Path knownHosts, Duration timeout) throws IOException {
    this.ssh = new SshConnector(knownHosts, timeout);
    this.timeout = timeout;
  }

  /**
   * Kills {@code b}'s service now. For a script service the restart is scheduled; {@code restarted} receives what
   * it printed (or why it failed).
   *
   * @return what the board printed ({@code killed PID} or {@code not running})
   * @throws IOException when the board cannot be reached or the kill fails
   */
  public String kill(Board b, Consumer<String> restarted) throws IOException {
    RemoteLayout layout = new RemoteLayout(b.installDir());
    ExecResult r;
    try (BoardShell sh = ssh.open(b)) {
      r = sh.exec(RemoteScripts.kill(layout, b.service()), timeout);
    }
    if (r.exitStatus() != 0) {
      throw new IOException(b.name() + ": kill failed (exit " + r.exitStatus() + "): " + r.stderr().strip());
    }
    if (b.service() == ServiceManager.SCRIPT) {
      restarts.schedule(() -> restarted.accept(start(b, layout)), RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      restarted.accept("restarted by systemd (Restart=on-failure)");
    }
    return r.stdout().strip();
  }

  private String start(Board b, RemoteLayout layout) {
    try (BoardShell sh = ssh.open(b)) {
      ExecResult r = sh.exec(RemoteScripts.ensureRunning(layout, b.service()), timeout);
      return r.exitStatus() == 0 ? "restarted by the bench (service: script): " + r.stdout().strip()
          : "restart failed (exit " + r.exitStatus() + "): " + r.stderr().strip();
    } catch (IOException | RuntimeException e) {
      return "restart failed: " + e.getMessage();
    }
  }

  @Override
  public void close() throws IOException {
    restarts.shutdown();
    try {
      restarts.awaitTermination(timeout.toMillis() + RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ssh.close();
  }
}
