package org.spacemoe.ground.cli;

import org.spacemoe.shared.cli.CliCore;
import org.spacemoe.shared.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code spacemoe-ground.jar}. */
@Command(
    name = "spacemoe-ground",
    mixinStandardHelpOptions = true,
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
      ReplanCommand.class,
      ExportModelCommand.class,
      KeysCommand.class,
      AclCommand.class,
      EditPlanCommand.class,
      SplitCommand.class,
      ConsoleCommand.class,
      CommandLine.HelpCommand.class
    })
public final class GroundCli implements Runnable {
  /** Exit code for bad input (flags, files, specs). */
  public static final int EXIT_BAD_INPUT = ExitCodes.BAD_INPUT;
  /** Exit code when a check the command makes fails. */
  public static final int EXIT_CHECK_FAILED = ExitCodes.CHECK_FAILED;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
    System.exit(newCommandLine().execute(args));
  }

  /** A configured command line (also used by tests): the shared CLI core's errors, exit codes and version. */
  public static CommandLine newCommandLine() {
    return CliCore.configure(new CommandLine(new GroundCli()), "spacemoe-ground");
  }
}
