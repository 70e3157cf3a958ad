package org.spacemoe.hil.flash;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.spacemoe.hil.bench.BenchOptions;
import org.spacemoe.hil.bench.BenchWorkspace;

/**
 * A bench of "boards" that are directories of this machine behind a {@link LoopbackSshServer}: the tiny model and
 * its plan, an inventory of {@code up} boards splitting the plan's satellites (script service manager, own install
 * dir and HTTP port each) plus optionally one board whose SSH port refuses connections, and the boards' cleanup.
 */
final class LoopbackBench implements AutoCloseable {
  final Path dir;
  final LoopbackSshServer ssh;
  final BenchWorkspace workspace;
  final Path inventory;
  final Path dist;
  final List<Path> installDirs = new ArrayList<>();
  final List<Integer> httpPorts = new ArrayList<>();

  private LoopbackBench(Path dir, LoopbackSshServer ssh, BenchWorkspace ws, Path inventory, Path dist) {
    this.dir = dir;
    this.ssh = ssh;
    this.workspace = ws;
    this.inventory = inventory;
    this.dist = dist;
  }

  static BenchOptions options(Path workDir, String broker) {
    return new BenchOptions("tiny", 8, new int[] {1, 2, 3, 4}, 0.05, broker, "spacemoe", true, false, true, 0, 1L,
        1.0, "sbc-2a72", true, workDir);
  }

  /**
   * @param up boards that answer
   * @param withDownBoard add a board whose SSH port is closed (it hosts the plan's last satellite)
   */
  static LoopbackBench create(Path dir, String broker, int up, boolean withDownBoard) throws Exception {
    BenchWorkspace ws = BenchWorkspace.prepare(options(dir.resolve("work"), broker));
    List<String> sats = ws.satellites();
    List<List<String>> split = new ArrayList<>();
    int upSats = sats.size() - (withDownBoard ? 1 : 0);
    for (int i = 0; i < up; i++) {
      split.add(sats.subList(i * upSats / up, (i + 1) * upSats / up));
    }
    return create(dir, broker, split, withDownBoard ? sats.subList(sats.size() - 1, sats.size()) : null, ws, 0.05);
  }

  /**
   * @param boards the satellites of each board that answers
   * @param down the satellites of a board whose SSH port is closed, or null for none
   * @param ws the workspace whose plan the boards split (kept for the test's own checks)
   * @param timeScale the boards' {@code onboard.time-scale}
   */
  static LoopbackBench create(Path dir, String broker, List<List<String>> boards, List<String> down, BenchWorkspace ws,
      double timeScale) throws Exception {
    LoopbackSshServer ssh = LoopbackSshServer.start(Files.createDirectories(dir.resolve("ssh")));
    Path dist = TestDistribution.write(Files.createDirectories(dir.resolve("dist")).resolve("spacemoe-onboard-dist.zip"), "1");
    StringBuilder y = new StringBuilder();
    y.append("broker:\n  uri: ").append(broker).append("\n");
    y.append("ground:\n  host: 127.0.0.1\n");
    y.append("onboard:\n  pinned-slot: 0\n  time-scale: ").append(timeScale)
        .append("\n  compute-emulation: false\n  telemetry-interval-ms: 1000\n");
    y.append("boards:\n");
    LoopbackBench b = new LoopbackBench(dir, ssh, ws, dir.resolve("bench.yaml"), dist);
    String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
    List<List<String>> all = new ArrayList<>(boards);
    if (down != null) {
      all.add(down);
    }
    for (int i = 0; i < all.size(); i++) {
      boolean isDown = down != null && i == all.size() - 1;
      Path install = dir.resolve("boards").resolve("board-" + i);
      int http = freePort();
      y.append("  - name: board-").append(i).append("\n")
          .append("    host: 127.0.0.1\n")
          .append("    user: ").append(System.getProperty("user.name")).append("\n")
          .append("    port: ").append(isDown ? freePort() : ssh.port()).append("\n")
          .append("    identity-file: ").append(ssh.clientKey()).append("\n")
          .append("    architecture: ").append(arch).append("\n")
          .append("    satellites: [").append(String.join(", ", all.get(i))).append("]\n")
          .append("    install-dir: ").append(install).append("\n")
          .append("    http-port: ").append(http).append("\n")
          .append("    service: script\n");
      if (!isDown) {
        b.installDirs.add(install);
        b.httpPorts.add(http);
      }
    }
    Files.writeString(b.inventory, y.toString());
    return b;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  Path planFile() {
    return workspace.dataDir().resolve("plan.json");
  }

  Path shardsDir() {
    return workspace.modelDir();
  }

  /** The pid file of board {@code i}'s service. */
  Path pidFile(int i) {
    return installDirs.get(i).resolve("run/spacemoe-onboard.pid");
  }

  /** Stops every board's service with its own script. */
  @Override
  public void close() throws Exception {
    for (Path install : installDirs) {
      Path script = install.resolve("current/spacemoe-onboard/bin/spacemoe-onboard-service");
      if (Files.exists(script)) {
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "stop");
        pb.environment().put("SPACEMOE_RUN_DIR", install.resolve("run").toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
            .waitFor(Duration.ofSeconds(30).toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      }
    }
    ssh.close();
  }
}
