package org.spacemoe.onboard;

import io.micronaut.context.ApplicationContext;
import java.util.Arrays;
import org.spacemoe.onboard.natives.OnnxRuntimeNatives;
import org.spacemoe.onboard.selftest.SelftestCommand;
import org.spacemoe.onboard.startup.StartupFailure;
import org.spacemoe.onboard.stop.GracefulStop;
import org.spacemoe.onboard.watchdog.ApplicationStarted;
import org.spacemoe.shared.cli.BuildVersion;

/**
 * Starts the onboard runtime: one process hosts one satellite (a board) or many (a bench). With {@code selftest}
 * as the first argument it runs the {@link SelftestCommand} instead and exits with its code; with {@code version} or
 * {@code --version} it prints the build's version (the one the distribution's VERSION file starts with).
 */
public final class OnboardApplication {
  private OnboardApplication() {}

  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("version") || args[0].equals("--version"))) {
      System.out.println(BuildVersion.line("spacemoe-onboard"));
      return;
    }
    OnnxRuntimeNatives.useDistributionLibraries();
    if (args.length > 0 && args[0].equals("selftest")) {
      System.exit(SelftestCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    ApplicationContext context = StartupFailure.launcher(OnboardApplication.class, args).start();
    // SIGTERM drains before the JVM's shutdown hooks run (GracefulStop); then READY=1 may go out
    context.findBean(GracefulStop.class).ifPresent(GracefulStop::handleSignals);
    context.findBean(ApplicationStarted.class).ifPresent(ApplicationStarted::set);
  }
}
