package org.spacemoe.hil.logs;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The logging of the {@code spacemoe-hil} tool. By default the console (stderr) gets only SpaceMoE's own warnings and
 * errors; every library (HiveMQ, Netty, Paho through java.util.logging, Apache SSHD, ...) logs at INFO to a file,
 * {@code spacemoe-hil.log} in the command's work directory. {@code --verbose} shows everything on the console too.
 *
 * <p>The embedded HiveMQ CE broker resets logback from a {@code logback.xml} in its configuration folder when it
 * starts; {@link #configuration()} is what it must be given so that the process keeps this set-up. Tests run
 * commands in-process without {@link #manage()}: their logging (logback-test.xml, then the broker's quiet default)
 * is left alone.
 */
public final class ToolLogging {
  /** The log file's name in a work directory. */
  public static final String FILE_NAME = "spacemoe-hil.log";

  private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";

  /** Without a managed set-up (tests): warnings of everyone to stderr, as before. */
  static final String UNMANAGED = "<configuration>\n"
      + "  <statusListener class=\"ch.qos.logback.core.status.NopStatusListener\"/>\n"
      + "  <appender name=\"ERR\" class=\"ch.qos.logback.core.ConsoleAppender\"><target>System.err</target>\n"
      + "    <encoder><pattern>" + PATTERN + "</pattern></encoder></appender>\n"
      + "  <root level=\"WARN\"><appender-ref ref=\"ERR\"/></root>\n</configuration>\n";

  private static volatile boolean managed;
  private static volatile String configuration = UNMANAGED;
  private static volatile Path file;

  private ToolLogging() {}

  /**
   * Called first by the tool's {@code main}: from now on the process's logging is this class's. Until a command names
   * its log file ({@link #configure}) SpaceMoE's warnings go to stderr and nothing else is kept.
   */
  public static void manage() {
    managed = true;
    String xml = xml(null, false);
    apply(xml);
    configuration = xml;
  }

  /**
   * Sends library logs to {@code logFile} (SpaceMoE's warnings to stderr as well); with {@code verbose} everything is
   * on stderr too. No-op unless {@link #manage()} was called (a command run by a test).
   */
  public static void configure(Path logFile, boolean verbose) {
    if (!managed) {
      return;
    }
    Path target = logFile.toAbsolutePath();
    String xml = xml(target, verbose);
    if (!target.equals(file)) {
      // one run per file; the file is appended to afterwards (the broker re-applies the configuration at every start)
      try {
        Files.deleteIfExists(target);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot replace the log file " + target, e);
      }
    }
    apply(xml);
    configuration = xml;
    file = target;
  }

  /** The log file of a managed process, or null. */
  public static Path file() {
    return file;
  }

  /** The logback configuration the process runs with (for the embedded broker's configuration folder). */
  public static String configuration() {
    return configuration;
  }

  /** The configuration: libraries to {@code logFile} (none: dropped), everything to stderr too when verbose. */
  static String xml(Path logFile, boolean verbose) {
    StringBuilder b = new StringBuilder("<configuration>\n")
        .append("  <statusListener class=\"ch.qos.logback.core.status.NopStatusListener\"/>\n");
    String fileRef = "";
    if (logFile != null) {
      b.append("  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n")
          .append("    <file>").append(escape(logFile.toString())).append("</file><append>true</append>\n")
          .append("    <encoder><pattern>%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n</pattern></encoder>\n")
          .append("  </appender>\n");
      fileRef = "<appender-ref ref=\"FILE\"/>";
    }
    // HiveMQ's storage engine reports every store it opens at INFO (HiveMQ's own start-up lowers it)
    b.append("  <logger name=\"jetbrains.exodus\" level=\"WARN\"/>\n");
    if (verbose) {
      b.append("  <appender name=\"ERR\" class=\"ch.qos.logback.core.ConsoleAppender\"><target>System.err</target>\n")
          .append("    <encoder><pattern>").append(PATTERN).append("</pattern></encoder></appender>\n")
          .append("  <root level=\"INFO\">").append(fileRef).append("<appender-ref ref=\"ERR\"/></root>\n");
    } else {
      b.append("  <appender name=\"OWN-WARN\" class=\"ch.qos.logback.core.ConsoleAppender\"><target>System.err</target>\n")
          .append("    <filter class=\"ch.qos.logback.classic.filter.ThresholdFilter\"><level>WARN</level></filter>\n")
          .append("    <encoder><pattern>").append(PATTERN).append("</pattern></encoder></appender>\n")
          .append("  <logger name=\"org.spacemoe\" level=\"INFO\"><appender-ref ref=\"OWN-WARN\"/></logger>\n")
          .append("  <root level=\"INFO\">").append(fileRef).append("</root>\n");
    }
    return b.append("</configuration>\n").toString();
  }

  private static void apply(String xml) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext ctx) {
      apply(ctx, xml);
      // java.util.logging (Paho) goes the same way instead of to its own console handler
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  static void apply(LoggerContext ctx, String xml) {
    ctx.reset();
    JoranConfigurator c = new JoranConfigurator();
    c.setContext(ctx);
    try {
      c.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (JoranException e) {
      throw new IllegalStateException("logging configuration refused: " + e.getMessage(), e);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
