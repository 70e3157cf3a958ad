package org.spacemoe.hil.cli;

import java.io.PrintWriter;
import org.spacemoe.shared.input.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code spacemoe-hil.jar}. */
@Command(
    name = "spacemoe-hil",
    mixinStandardHelpOptions = true,
    version = "spacemoe-hil 0.1.0",
    description = "Bench constellations: runs the onboard runtime for many satellites and measures token latency against the planner.",
    subcommands = {BenchCommand.class, FlashCommand.class, InventoryCommand.class, SatellitesCommand.class, HopOverheadCommand.class, ExpertBandwidthCommand.class,
        CommandLine.HelpCommand.class})
public final class HilCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** A configured command line (also used by tests). */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new HilCli());
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      PrintWriter err = cmd.getErr();
      for (Throwable c = ex; c != null; c = c.getCause()) {
        if (c instanceof InvalidInputException) {
          err.println("error: " + c.getMessage());
          err.flush();
          return 2;
        }
      }
      err.println("error: " + ex);
      ex.printStackTrace(err);
      err.flush();
      return 1;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("error: " + ex.getMessage());
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      err.flush();
      return 2;
    });
    return cl;
  }
}
