package org.spacemoe.onboard.startup;

import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed start (a bad or missing setting, an unset environment variable a placeholder needs) into one line
 * on stderr naming what is wrong, and exit code 2; the whole stack trace goes to the log at DEBUG.
 */
public final class StartupFailure {
  /** Exit code of a start refused for its configuration or environment. */
  public static final int EXIT_CODE = 2;

  private static final Logger LOG = LoggerFactory.getLogger(StartupFailure.class);

  private StartupFailure() {}

  /** A {@link Micronaut} launcher whose start-up failures print {@link #oneLine} and exit {@link #EXIT_CODE}. */
  public static Micronaut launcher(Class<?> mainClass, String[] args) {
    return new Micronaut() {
      @Override
      protected void handleStartupException(Environment environment, Throwable e) {
        LOG.debug("start failed", e);
        System.err.println("spacemoe-onboard: cannot start: " + oneLine(e));
        System.exit(EXIT_CODE);
      }
    }.classes(mainClass).args(args);
  }

  /**
   * The most specific message in {@code e}'s cause chain, on one line: the deepest cause with a message (Micronaut
   * wraps the real reason, such as an unresolvable placeholder or a constraint naming its key, in bean-creation
   * exceptions whose messages span many lines).
   */
  public static String oneLine(Throwable e) {
    String best = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        best = t.getMessage();
      }
    }
    if (best == null) {
      return e.getClass().getSimpleName();
    }
    String line = best.strip().lines().map(String::strip).filter(s -> !s.isEmpty())
        .reduce((a, b) -> a + " " + b).orElse(best);
    return line.length() > 500 ? line.substring(0, 500) + "..." : line;
  }
}
