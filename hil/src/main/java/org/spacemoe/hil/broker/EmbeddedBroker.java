package org.spacemoe.hil.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.spacemoe.hil.logs.ToolLogging;

/**
 * An in-process HiveMQ CE broker on a free loopback port, with its configuration, data and extensions
 * folders created in a temporary directory (HiveMQ needs them to exist) and deleted on close.
 * Maximum packet size is raised to 64 MiB so large activation frames are not refused.
 *
 * <p>{@link #stop()} and {@link #start()} restart it on the same port as a new HiveMQ instance with a fresh data
 * folder, so a restarted broker has lost every session and queued message (as a crashed broker without persistence).
 */
public final class EmbeddedBroker extends LoopbackBroker {
  private final Path home;
  private EmbeddedHiveMQ hivemq;
  private int generation;

  private EmbeddedBroker(Path home, int port) {
    super(port);
    this.home = home;
  }

  /** Starts a broker and waits until it accepts connections. */
  public static EmbeddedBroker launch() {
    try {
      Path home = Files.createTempDirectory("spacemoe-hivemq");
      EmbeddedBroker b = new EmbeddedBroker(home, freePort());
      b.start();
      return b;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the embedded broker", e);
    }
  }

  /** Starts (again) on the same port with a fresh data folder; no-op while running. */
  @Override
  public synchronized void start() {
    if (hivemq != null) {
      return;
    }
    try {
      Path conf = Files.createDirectories(home.resolve("conf"));
      Path data = Files.createDirectories(home.resolve("data-" + generation++));
      Path ext = Files.createDirectories(home.resolve("extensions"));
      Files.writeString(conf.resolve("config.xml"), config(port()), StandardCharsets.UTF_8);
      // HiveMQ resets logback from this file: give it the process's own configuration (ToolLogging)
      Files.writeString(conf.resolve("logback.xml"), ToolLogging.configuration(), StandardCharsets.UTF_8);
      EmbeddedHiveMQ h = EmbeddedHiveMQ.builder()
          .withConfigurationFolder(conf)
          .withDataFolder(data)
          .withExtensionsFolder(ext)
          .build();
      h.start().join();
      hivemq = h;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the embedded broker", e);
    }
  }

  /** Stops the broker (its sessions are gone with its instance); no-op when stopped. */
  @Override
  public synchronized void stop() {
    EmbeddedHiveMQ h = hivemq;
    hivemq = null;
    if (h == null) {
      return;
    }
    try {
      h.stop().join();
      h.close();
    } catch (Exception e) {
      // the broker is going away either way
    }
  }


  static String config(int port) {
    return "<?xml version=\"1.0\"?>\n<hivemq>\n"
        + "  <listeners>\n    <tcp-listener>\n      <port>" + port + "</port>\n"
        + "      <bind-address>127.0.0.1</bind-address>\n    </tcp-listener>\n  </listeners>\n"
        + "  <mqtt>\n    <packets>\n      <max-packet-size>67108864</max-packet-size>\n    </packets>\n"
        + "    <queued-messages>\n      <max-queue-size>100000</max-queue-size>\n    </queued-messages>\n  </mqtt>\n"
        + "  <anonymous-usage-statistics>\n    <enabled>false</enabled>\n  </anonymous-usage-statistics>\n"
        + "</hivemq>\n";
  }




  @Override
  public void close() {
    stop();
    try (Stream<Path> s = Files.walk(home)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // temporary files are left for the OS
    }
  }
}
