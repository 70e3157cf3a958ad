package org.spacemoe.shared.cli;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.spacemoe.shared.input.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Configures a tool's picocli command line the one way every SpaceMoE tool uses: bad input (a picocli parameter
 * error, an {@link InvalidInputException}, a file that is missing or cannot be read or written) prints
 * {@code error: ...} and exits {@link ExitCodes#BAD_INPUT}; anything else is an internal error: {@code internal
 * error: ...} with the stack trace, exit {@link ExitCodes#INTERNAL}. A command reports a failed check by returning
 * {@link ExitCodes#CHECK_FAILED}. Every command and subcommand without a version of its own prints the build's
 * version ({@link BuildVersion}).
 */
public final class CliCore {
  private CliCore() {}

  /** Configures {@code cl} (and all its subcommands) for the tool named {@code tool}; returns it. */
  public static CommandLine configure(CommandLine cl, String tool) {
    CommandLine.IVersionProvider version = BuildVersion.provider(tool);
    setVersion(cl, version);
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> handle(ex, cmd.getErr()));
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("error: " + ex.getMessage());
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      err.flush();
      return ExitCodes.BAD_INPUT;
    });
    return cl;
  }

  /** Prints {@code ex} the way {@link #configure} does and returns its exit code. */
  public static int handle(Throwable ex, PrintWriter err) {
    String bad = badInput(ex);
    if (bad != null) {
      err.println("error: " + bad);
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
    err.println("internal error: " + ex);
    ex.printStackTrace(err);
    err.flush();
    return ExitCodes.INTERNAL;
  }

  /** The one-line message when {@code t} (or one of its causes) is bad input, else null. */
  public static String badInput(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InvalidInputException) {
        return c.getMessage();
      }
      if (c instanceof CommandLine.ParameterException) {
        return c.getMessage();
      }
      if (c instanceof FileSystemException f) {
        return fileProblem(f);
      }
      if (c instanceof FileNotFoundException) {
        return c.getMessage();
      }
    }
    return null;
  }

  private static String fileProblem(FileSystemException f) {
    String what;
    if (f instanceof NoSuchFileException) {
      what = "no such file or directory";
    } else if (f instanceof AccessDeniedException) {
      what = "permission denied";
    } else if (f instanceof NotDirectoryException) {
      what = "not a directory";
    } else {
      what = f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
    }
    String file = f.getFile() == null ? "" : f.getFile();
    String other = f.getOtherFile() == null ? "" : " -> " + f.getOtherFile();
    return file + other + ": " + what;
  }

  private static void setVersion(CommandLine cl, CommandLine.IVersionProvider version) {
    CommandSpec spec = cl.getCommandSpec();
    if (spec.version().length == 0) {
      spec.versionProvider(version);
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      setVersion(sub, version);
    }
  }
}
