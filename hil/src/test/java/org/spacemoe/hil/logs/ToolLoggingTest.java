package org.spacemoe.hil.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolLoggingTest {
  private final LoggerContext ctx = new LoggerContext();

  {
    ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
  }

  @AfterEach
  void stop() {
    ctx.stop();
  }

  /** The appenders an event of {@code level} from {@code logger} is written by (levels, additivity, filters). */
  private Set<String> reached(String logger, Level level) {
    Logger l = ctx.getLogger(logger);
    Set<String> names = new TreeSet<>();
    if (!l.isEnabledFor(level)) {
      return names;
    }
    ILoggingEvent e = new LoggingEvent(Logger.FQCN, l, level, "x", null, null);
    for (Logger c = l; c != null; c = parent(c)) {
      for (Iterator<Appender<ILoggingEvent>> it = c.iteratorForAppenders(); it.hasNext(); ) {
        Appender<ILoggingEvent> a = it.next();
        if (a.getFilterChainDecision(e) != FilterReply.DENY) {
          names.add(a.getName());
        }
      }
      if (!c.isAdditive()) {
        break;
      }
    }
    return names;
  }

  private Logger parent(Logger l) {
    String n = l.getName();
    if (n.equals(Logger.ROOT_LOGGER_NAME)) {
      return null;
    }
    int dot = n.lastIndexOf('.');
    return ctx.exists(dot < 0 ? Logger.ROOT_LOGGER_NAME : n.substring(0, dot)) != null
        ? ctx.getLogger(dot < 0 ? Logger.ROOT_LOGGER_NAME : n.substring(0, dot))
        : parent(ctx.getLogger(dot < 0 ? Logger.ROOT_LOGGER_NAME : n.substring(0, dot)));
  }

  private static final String HIVEMQ = "com.hivemq.HiveMQServer";
  private static final String NETTY = "io.netty.channel.DefaultChannelPipeline";
  private static final String EXODUS = "jetbrains.exodus.env.EnvironmentImpl";
  private static final String OWN = "org.spacemoe.onboard.runtime.OnboardRuntime";

  @Test
  void librariesGoToTheFileAndOnlyOurWarningsToTheConsole(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("work dir & more/spacemoe-hil.log");
    Files.createDirectories(file.getParent());
    ctx.start();
    ToolLogging.apply(ctx, ToolLogging.xml(file, false));
    assertEquals(Set.of("FILE"), reached(HIVEMQ, Level.INFO));
    assertEquals(Set.of("FILE"), reached(NETTY, Level.WARN));
    assertEquals(Set.of("FILE"), reached(NETTY, Level.ERROR));
    assertEquals(Set.of(), reached(EXODUS, Level.INFO));
    assertEquals(Set.of("FILE"), reached(OWN, Level.INFO));
    assertEquals(Set.of("FILE", "OWN-WARN"), reached(OWN, Level.WARN));

    ctx.getLogger(HIVEMQ).info("Starting HiveMQ Community Edition Server");
    ctx.getLogger(EXODUS).info("Exodus environment created");
    ctx.stop();
    String log = Files.readString(file);
    assertTrue(log.contains("INFO  com.hivemq.HiveMQServer - Starting HiveMQ Community Edition Server"), log);
    assertFalse(log.contains("Exodus environment created"), log);
  }

  @Test
  void verboseShowsTheLibrariesOnTheConsoleToo(@TempDir Path dir) {
    ctx.start();
    ToolLogging.apply(ctx, ToolLogging.xml(dir.resolve("spacemoe-hil.log"), true));
    assertEquals(Set.of("ERR", "FILE"), reached(HIVEMQ, Level.INFO));
    assertEquals(Set.of("ERR", "FILE"), reached(OWN, Level.INFO));
    assertEquals(Set.of(), reached(EXODUS, Level.INFO));
  }

  @Test
  void beforeACommandNamesItsFileOnlyOurWarningsAreKept() {
    ctx.start();
    ToolLogging.apply(ctx, ToolLogging.xml(null, false));
    assertEquals(Set.of(), reached(HIVEMQ, Level.ERROR));
    assertEquals(Set.of(), reached(OWN, Level.INFO));
    assertEquals(Set.of("OWN-WARN"), reached(OWN, Level.WARN));
  }

  @Test
  void commandsRunByTestsLeaveTheTestLoggingAlone(@TempDir Path dir) {
    ToolLogging.configure(dir.resolve("x.log"), false);
    assertFalse(Files.exists(dir.resolve("x.log")));
    assertEquals(ToolLogging.UNMANAGED, ToolLogging.configuration());
  }
}
