package org.spacemoe.hil.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A Mosquitto broker process started by a test with a given configuration file, stopped on close. */
final class MosquittoProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final Path out;

  private MosquittoProcess(Process process, Path log, Path out) {
    this.process = process;
    this.log = log;
    this.out = out;
  }

  /** The mosquitto executable ({@link MosquittoBroker#executable()}); or null. */
  static Path executable() {
    return MosquittoBroker.executable();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts {@code mosquitto -c config} and waits until {@code port} accepts connections.
   *
   * @param log the file the configuration logs to ({@code log_dest file}, flushed per line)
   * @param out where the process's own stdout and stderr go (start-up errors)
   */
  static MosquittoProcess start(Path executable, Path config, int port, Path log, Path out) throws Exception {
    Process p = new ProcessBuilder(executable.toString(), "-c", config.toString())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    MosquittoProcess m = new MosquittoProcess(p, log, out);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("mosquitto exited with " + p.exitValue() + ":\n" + m.log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return m;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    m.close();
    throw new IllegalStateException("mosquitto did not listen on " + port + " within 15 s:\n" + m.log());
  }

  /** What the broker logged and printed so far. */
  String log() {
    return read(out) + read(log);
  }

  private static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + f + ": " + e + ")\n";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
