package org.spacemoe.shared.cli;

import picocli.CommandLine.Option;

/** {@code --quiet}: a mixin for the commands that show progress. */
public final class QuietOption {
  @Option(names = {"-q", "--quiet"},
      description = "no progress on stderr (by default a bar on a terminal, a plain line every 10 s otherwise)")
  boolean quiet;

  /** Whether {@code --quiet} was given. */
  public boolean quiet() {
    return quiet;
  }

  /** Progress of {@code total} units of {@code task}, shown unless quiet. */
  public Progress progress(String task, long total) {
    return Progress.start(task, total, quiet);
  }
}
