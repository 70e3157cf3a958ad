package org.spacemoe.hil.cli;

import org.spacemoe.hil.logs.ToolLogging;
import org.spacemoe.shared.cli.CliCore;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code spacemoe-hil.jar}. */
@Command(
    name = "spacemoe-hil",
    mixinStandardHelpOptions = true,
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
    ToolLogging.manage();
    System.exit(newCommandLine().execute(args));
  }

  /** A configured command line (also used by tests): the shared CLI core's errors, exit codes and version. */
  public static CommandLine newCommandLine() {
    return CliCore.configure(new CommandLine(new HilCli()), "spacemoe-hil");
  }
}
