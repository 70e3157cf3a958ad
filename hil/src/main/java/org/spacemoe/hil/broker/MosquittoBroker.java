package org.spacemoe.hil.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto broker run by the bench as a child process on a free loopback port: no persistence, 64 MiB maximum
 * packet size, TCP_NODELAY, anonymous clients, logging to {@code mosquitto.log} in its directory. {@link #stop()}
 * kills it (SIGKILL: its sessions are lost), {@link #start()} starts it again on the same port.
 */
public final class MosquittoBroker extends LoopbackBroker {
  private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"),
      Path.of("/usr/local/sbin/mosquitto"), Path.of("/usr/local/bin/mosquitto"), Path.of("/opt/homebrew/sbin/mosquitto"));

  private final Path executable;
  private final Path dir;
  private Process process;

  private MosquittoBroker(Path executable, Path dir, int port) {
    super(port);
    this.executable = executable;
    this.dir = dir;
  }

  /**
   * The mosquitto executable: system property {@code spacemoe.test.mosquitto} (or {@code spacemoe.mosquitto}), else
   * the usual places and the PATH; or null.
   */
  public static Path executable() {
    for (String prop : List.of("spacemoe.mosquitto", "spacemoe.test.mosquitto")) {
      String p = System.getProperty(prop);
      if (p != null && !p.isBlank()) {
        return Path.of(p);
      }
    }
    for (Path c : CANDIDATES) {
      if (Files.isExecutable(c)) {
        return c;
      }
    }
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, "mosquitto"))) {
        return Path.of(d, "mosquitto");
      }
    }
    return null;
  }

  /** Starts a broker with its configuration and log in {@code workDir/mosquitto}. */
  public static MosquittoBroker launch(Path workDir) {
    Path exe = executable();
    if (exe == null) {
      throw new IllegalStateException("--broker mosquitto: no mosquitto executable found (install mosquitto, e.g. "
          + "apt-get install mosquitto, or set -Dspacemoe.mosquitto=PATH)");
    }
    try {
      Path dir = Files.createDirectories(workDir.resolve("mosquitto"));
      MosquittoBroker b = new MosquittoBroker(exe, dir, freePort());
      Files.writeString(dir.resolve("mosquitto.conf"), b.config(), StandardCharsets.UTF_8);
      b.start();
      return b;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare mosquitto in " + workDir, e);
    }
  }

  String config() {
    return "listener " + port() + " 127.0.0.1\n"
        + "allow_anonymous true\n"
        + "persistence false\n"
        + "max_packet_size 67108864\n"
        + "set_tcp_nodelay true\n"
        + "max_queued_messages 100000\n"
        + "log_dest file " + dir.resolve("mosquitto.log") + "\n"
        + "log_type error\nlog_type warning\nlog_type notice\n";
  }





  /** Starts the process (no-op while it runs) and waits up to 15 s until the port accepts connections. */
  @Override
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      Process p = new ProcessBuilder(executable.toString(), "-c", dir.resolve("mosquitto.conf").toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
          .start();
      process = p;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException("mosquitto exited with " + p.exitValue() + ":\n" + log());
        }
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port()), 200);
          return;
        } catch (IOException notYet) {
          Thread.sleep(50);
        }
      }
      stop();
      throw new IllegalStateException("mosquitto did not listen on " + port() + " within 15 s:\n" + log());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + executable, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting mosquitto", e);
    }
  }

  /** Kills the process (SIGKILL) and waits for it to exit. */
  @Override
  public synchronized void stop() {
    Process p = process;
    process = null;
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the broker logged and printed so far. */
  public String log() {
    return read(dir.resolve("stdout.log")) + read(dir.resolve("mosquitto.log"));
  }

  private static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + f + ": " + e + ")\n";
    }
  }

  @Override
  public void close() {
    stop();
  }
}
