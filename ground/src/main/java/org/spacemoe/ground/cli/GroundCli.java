package org.spacemoe.ground.cli;

import java.io.PrintWriter;
import org.spacemoe.shared.input.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code spacemoe-ground.jar}. */
@Command(
    name = "spacemoe-ground",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Plans where every MoE layer and expert runs in a satellite constellation, predicts per-token latency, reproduces the SpaceMoE paper, and makes plan-signing keys and broker ACLs.",
    subcommands = {
      PlanCommand.class,
      EvaluateCommand.class,
      ReproduceCommand.class,
      DrawCommand.class,
      BenchCommand.class,
      StatusCommand.class,
      UplinkCommand.class,
      ActivateCommand.class,
      RollbackCommand.class,
      StatsCommand.class,
      ExportModelCommand.class,
      KeysCommand.class,
      AclCommand.class,
      SplitCommand.class,
      CommandLine.HelpCommand.class
    })
public final class GroundCli implements Runnable {
  /** Exit code for bad input (flags, files, specs). */
  public static final int EXIT_BAD_INPUT = 2;
  /** Exit code for an internal failure. */
  public static final int EXIT_INTERNAL = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
    System.exit(newCommandLine().execute(args));
  }

  /** A configured command line (also used by tests). */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new GroundCli());
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      PrintWriter err = cmd.getErr();
      InvalidInputException bad = findBadInput(ex);
      if (bad != null) {
        err.println("error: " + bad.getMessage());
        err.flush();
        return EXIT_BAD_INPUT;
      }
      err.println("internal error: " + ex);
      ex.printStackTrace(err);
      err.flush();
      return EXIT_INTERNAL;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("error: " + ex.getMessage());
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      err.flush();
      return EXIT_BAD_INPUT;
    });
    return cl;
  }

  private static InvalidInputException findBadInput(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InvalidInputException) {
        return (InvalidInputException) c;
      }
    }
    return null;
  }
}
