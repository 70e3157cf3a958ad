package org.spacemoe.hil.flash;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spacemoe.hil.inventory.Board;

/**
 * Flashes one board over SSH: reads the digests of its current release, copies only the files that differ into
 * an upload directory, checks their digests there, builds the new release from hard links of the current one
 * plus the uploads, switches {@code current} atomically, restarts the service and waits for {@code /health}.
 * A board whose files are all current is left alone (no copy, no restart).
 */
final class BoardFlasher {
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

  private final SshConnector ssh;
  private final HealthProbe health = new HealthProbe();
  private final Duration healthTimeout;

  BoardFlasher(SshConnector ssh, Duration healthTimeout) {
    this.ssh = ssh;
    this.healthTimeout = healthTimeout;
  }

  BoardFlashResult flash(Board b, FlashBundle bundle, boolean planOptional) {
    long t0 = System.nanoTime();
    Step step = new Step(b, bundle, t0);
    try (BoardShell sh = ssh.open(b)) {
      return step.run(sh, planOptional);
    } catch (BoardDownException e) {
      return step.result(FlashOutcome.DOWN, e.getMessage());
    } catch (IOException e) {
      return step.result(FlashOutcome.FAILED, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return step.result(FlashOutcome.FAILED, "interrupted");
    } catch (RuntimeException e) {
      return step.result(FlashOutcome.FAILED, e.toString());
    }
  }

  /** The state of one board's flash as it proceeds. */
  private final class Step {
    final Board b;
    final FlashBundle bundle;
    final RemoteLayout layout;
    final long t0;
    String release;
    int changed;
    long bytes;
    boolean started;
    String healthText;

    Step(Board b, FlashBundle bundle, long t0) {
      this.b = b;
      this.bundle = bundle;
      this.layout = new RemoteLayout(b.installDir());
      this.t0 = t0;
    }

    BoardFlashResult result(FlashOutcome o, String reason) {
      return new BoardFlashResult(b.name(), b.host(), o, reason, release, changed, bytes, bundle.files().size(),
          started, healthText, (System.nanoTime() - t0) / 1e9);
    }

    BoardFlashResult run(BoardShell sh, boolean planOptional) throws IOException, InterruptedException {
      ExecResult probe = sh.exec(RemoteScripts.probe(layout), COMMAND_TIMEOUT);
      String[] lines = probe.stdout().split("\n", 3);
      String arch = lines[0].trim();
      if (!arch.equals(b.architecture().yamlName())) {
        return result(FlashOutcome.FAILED, "the board is " + arch + ", the inventory says " + b.architecture().yamlName());
      }
      String currentRelease = lines.length > 1 ? lines[1].replaceFirst("^release=(releases/)?", "").trim() : "";
      Map<String, String> remote = RemoteScripts.parseDigests(probe.stdout());
      List<BundleFile> todo = new ArrayList<>();
      for (BundleFile f : bundle.files()) {
        if (!f.sha256().equals(remote.get(f.relPath()))) {
          todo.add(f);
        }
      }
      if (todo.isEmpty()) {
        release = currentRelease;
        check(sh.exec(RemoteScripts.protectSecrets(layout, bundle.secretPaths()), COMMAND_TIMEOUT),
            "protect secrets");
        if (bundle.islBroker()) {
          check(sh.exec(RemoteScripts.islBroker(layout, b.service(), false), COMMAND_TIMEOUT), "start the ISL broker");
        }
        ExecResult ensure = sh.exec(RemoteScripts.ensureRunning(layout, b.service()), COMMAND_TIMEOUT);
        if (!ensure.ok()) {
          return result(FlashOutcome.FAILED, "service not running and did not start: " + ensure.lastLine());
        }
        started = ensure.stdout().contains("started");
        return awaitHealth(sh, FlashOutcome.UNCHANGED, planOptional);
      }
      String id = bundle.releaseId();
      List<String> paths = todo.stream().map(BundleFile::relPath).toList();
      check(sh.exec(RemoteScripts.prepareIncoming(layout, id, paths), COMMAND_TIMEOUT), "prepare upload directory");
      for (BundleFile f : todo) {
        sh.upload(f.source(), layout.incoming(id) + "/" + f.relPath());
        changed++;
        bytes += Files.size(f.source());
      }
      Map<String, String> uploaded = RemoteScripts.parseDigests(
          check(sh.exec(RemoteScripts.checkIncoming(layout, id, paths), COMMAND_TIMEOUT), "check uploads").stdout());
      for (BundleFile f : todo) {
        if (!f.sha256().equals(uploaded.get(f.relPath()))) {
          return result(FlashOutcome.FAILED, "upload of " + f.relPath() + " arrived with another SHA-256");
        }
      }
      check(sh.exec(RemoteScripts.install(layout, id, bundle.secretPaths()), COMMAND_TIMEOUT), "install release " + id);
      release = id;
      if (bundle.islBroker()) {
        // the node subscribes on its own ISL broker as it starts: the broker goes first
        boolean brokerChanged = paths.stream().anyMatch(FlashBundle.ISL_BROKER_FILES::contains);
        check(sh.exec(RemoteScripts.islBroker(layout, b.service(), brokerChanged), COMMAND_TIMEOUT),
            "start the ISL broker");
      }
      check(sh.exec(RemoteScripts.restart(layout, b.service()), COMMAND_TIMEOUT), "restart the service");
      started = true;
      return awaitHealth(sh, FlashOutcome.CHANGED, planOptional);
    }

    private BoardFlashResult awaitHealth(BoardShell sh, FlashOutcome ok, boolean planOptional)
        throws IOException, InterruptedException {
      HealthProbe.Health h = health.await(b.host(), b.httpPort(), healthTimeout, planOptional);
      healthText = h.toString();
      if (h.up() || (planOptional && h.waitingForPlan())) {
        return result(ok, null);
      }
      ExecResult log = sh.exec(RemoteScripts.lastLog(layout, b.service()), COMMAND_TIMEOUT);
      String last = log.stdout().lines().filter(l -> !l.isBlank()).reduce((x, y) -> y).orElse("").trim();
      return result(FlashOutcome.FAILED, "/health on port " + b.httpPort() + " is " + h + " after "
          + healthTimeout.toSeconds() + " s" + (last.isEmpty() ? "" : "; last log line: " + last));
    }

    private ExecResult check(ExecResult r, String what) throws IOException {
      if (!r.ok()) {
        throw new IOException(what + " failed: " + r.lastLine());
      }
      return r;
    }
  }
}
