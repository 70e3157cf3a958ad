package org.spacemoe.shared.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is an interactive terminal (then progress is a bar redrawn in place). */
public final class Terminal {
  private Terminal() {}

  /**
   * True when the JVM has a console ({@link System#console()}: standard input and output are a terminal) and, where
   * Linux tells (/proc/self/fd/2), standard error is a terminal too; false when {@code TERM} is {@code dumb}.
   */
  public static boolean stderrIsTerminal() {
    if (System.console() == null || "dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    Boolean fd2 = fd2IsTerminal(Path.of("/proc/self/fd/2"));
    return fd2 == null || fd2;
  }

  /** Whether the file descriptor link points at a terminal device, or null when it cannot be read. */
  static Boolean fd2IsTerminal(Path link) {
    try {
      String target = Files.readSymbolicLink(link).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }
}
