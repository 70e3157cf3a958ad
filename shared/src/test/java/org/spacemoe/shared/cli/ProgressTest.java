package org.spacemoe.shared.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong now = new AtomicLong(1_000_000);

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void linesModePrintsAPlainLineEveryIntervalAndOneAtTheEnd() {
    try (Progress p = new Progress("tokens", 32, Progress.Mode.LINES, err, now::get, false)) {
      p.stepTo(4);
      p.tick();
      assertEquals("", text(), "nothing before the first interval");
      now.addAndGet(Progress.LINE_INTERVAL_S * 1000 - 1);
      p.tick();
      assertEquals("", text());
      now.addAndGet(1);
      p.stepTo(8);
      p.tick();
      assertEquals("tokens: 8/32 (25%), 0:10 elapsed, ~0:30 left\n", text());
      now.addAndGet(5000);
      p.stepTo(32);
      p.tick();
      assertEquals(1, text().lines().count(), "at most one line per interval");
    }
    String[] lines = text().split("\n");
    assertEquals(2, lines.length);
    assertEquals("tokens: 32/32 (100%), finished after 0:15", lines[1]);
    assertFalse(text().contains("\r"), "no carriage returns off a terminal");
  }

  @Test
  void barModeRedrawsInPlace() {
    try (Progress p = new Progress("tokens fp32", 4, Progress.Mode.BAR, err, now::get, false)) {
      p.stepTo(1);
      now.addAndGet(1000);
      p.stepTo(2);
    }
    String t = text();
    assertTrue(t.startsWith("\rtokens fp32  25% ["), t);
    assertTrue(t.contains("\rtokens fp32  50% [==============="), t);
    assertTrue(t.endsWith("\n"), t);
  }

  @Test
  void quietPrintsNothing() {
    try (Progress p = new Progress("tokens", 4, Progress.Mode.QUIET, err, now::get, false)) {
      p.stepTo(1);
      now.addAndGet(60_000);
      p.tick();
      p.stepTo(4);
    }
    assertEquals("", text());
    assertEquals(Progress.Mode.QUIET, Progress.Mode.forStderr(true));
  }

  @Test
  void aTestJvmHasNoTerminal() {
    // surefire's forked JVM has no console: progress there (and in CI logs) is plain lines
    assertFalse(Terminal.stderrIsTerminal());
    assertEquals(Progress.Mode.LINES, Progress.Mode.forStderr(false));
  }

  @Test
  void fd2LinkToAPseudoTerminalIsATerminal(@TempDir Path dir) throws Exception {
    Path tty = Files.createSymbolicLink(dir.resolve("tty"), Path.of("/dev/pts/3"));
    Path file = Files.createSymbolicLink(dir.resolve("file"), dir.resolve("log.txt"));
    assertTrue(Terminal.fd2IsTerminal(tty));
    assertFalse(Terminal.fd2IsTerminal(file));
    assertEquals(null, Terminal.fd2IsTerminal(dir.resolve("absent")));
  }
}
