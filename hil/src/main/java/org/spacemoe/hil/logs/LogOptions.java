package org.spacemoe.hil.logs;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --verbose} and {@code --log-file}: a mixin for the hil commands that run libraries which log. */
public final class LogOptions {
  @Option(names = {"-v", "--verbose"},
      description = "also show the libraries' logs (HiveMQ, Netty, Paho, SSHD) on stderr; by default they go to the"
          + " log file only")
  boolean verbose;

  @Option(names = "--log-file", paramLabel = "FILE",
      description = "where the libraries' logs go (default: " + ToolLogging.FILE_NAME + " in the work directory, or in"
          + " the temporary directory for commands without one)")
  Path logFile;

  /** Applies the options; {@code workDir} (may be null) holds the log file unless {@code --log-file} names one. */
  public void apply(Path workDir) {
    Path f = logFile != null ? logFile
        : (workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"))).resolve(ToolLogging.FILE_NAME);
    ToolLogging.configure(f, verbose);
  }

  /** Names the log file on {@code err} (one line) when the tool wrote one and it is not empty. */
  public void announce(PrintWriter err) {
    Path f = ToolLogging.file();
    try {
      if (f != null && Files.size(f) > 0) {
        err.printf("library logs: %s%n", f);
        err.flush();
      }
    } catch (java.io.IOException e) {
      // no file, nothing to name
    }
  }
}
