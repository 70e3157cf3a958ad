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
    LoopbackSshServer ssh = LoopbackSshServer.start(Files.createDirectories(dir.resolve("ssh")));
    Path dist = TestDistribution.write(Files.createDirectories(dir.resolve("dist")).resolve("spacemoe-onboard-dist.zip"), "1");
    List<String> sats = ws.satellites();
    int boards = up + (withDownBoard ? 1 : 0);
    StringBuilder y = new StringBuilder();
    y.append("broker:\n  uri: ").append(broker).append("\n");
    y.append("ground:\n  host: 127.0.0.1\n");
    y.append("onboard:\n  pinned-slot: 0\n  time-scale: 0.05\n  compute-emulation: false\n  telemetry-interval-ms: 1000\n");
    y.append("boards:\n");
    LoopbackBench b = new LoopbackBench(dir, ssh, ws, dir.resolve("bench.yaml"), dist);
    String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
    for (int i = 0; i < boards; i++) {
      boolean down = withDownBoard && i == boards - 1;
      List<String> mine = down ? sats.subList(sats.size() - 1, sats.size())
          : sats.subList(i * (sats.size() - (withDownBoard ? 1 : 0)) / up,
              (i + 1) * (sats.size() - (withDownBoard ? 1 : 0)) / up);
      Path install = dir.resolve("boards").resolve("board-" + i);
      int http = freePort();
      y.append("  - name: board-").append(i).append("\n")
          .append("    host: 127.0.0.1\n")
          .append("    user: ").append(System.getProperty("user.name")).append("\n")
          .append("    port: ").append(down ? freePort() : ssh.port()).append("\n")
          .append("    identity-file: ").append(ssh.clientKey()).append("\n")
          .append("    architecture: ").append(arch).append("\n")
          .append("    satellites: [").append(String.join(", ", mine)).append("]\n")
          .append("    install-dir: ").append(install).append("\n")
          .append("    http-port: ").append(http).append("\n")
          .append("    service: script\n");
      if (!down) {
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
