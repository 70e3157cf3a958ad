package org.spacemoe.hil.broker;

/**
 * The broker of a bench run, which the fault harness may stop and start again ({@code broker-down}). A restarted
 * broker listens on the same port and has lost every session and queued message.
 */
public interface BenchBroker extends AutoCloseable {
  /** The URI clients connect to. */
  String uri();

  /** True when {@link #stop()} and {@link #start()} are supported (false for an external broker). */
  boolean controllable();

  /** Stops the broker at once (clients see their connections drop). */
  void stop();

  /** Starts it again on the same port and waits until it accepts connections. */
  void start();

  @Override
  void close();

  /**
   * {@code embedded} (in-process HiveMQ CE), {@code mosquitto} (a child process) or a broker URI (external: not
   * controllable).
   *
   * @param workDir where a Mosquitto broker writes its configuration and log
   */
  static BenchBroker open(String spec, java.nio.file.Path workDir) {
    return switch (spec) {
      case "embedded" -> EmbeddedBroker.launch();
      case "mosquitto" -> MosquittoBroker.launch(workDir);
      default -> new External(spec);
    };
  }

  /** A broker the bench does not run. */
  record External(String uri) implements BenchBroker {
    @Override
    public boolean controllable() {
      return false;
    }

    @Override
    public void stop() {
      throw new UnsupportedOperationException("the bench cannot stop an external broker (" + uri + ")");
    }

    @Override
    public void start() {
      throw new UnsupportedOperationException("the bench cannot start an external broker (" + uri + ")");
    }

    @Override
    public void close() {
      // not ours
    }
  }
}
