package org.spacemoe.onboard;

import io.micronaut.runtime.Micronaut;
import java.util.Arrays;
import org.spacemoe.onboard.selftest.SelftestCommand;

/**
 * Starts the onboard runtime: one process hosts one satellite (a board) or many (a bench). With {@code selftest}
 * as the first argument it runs the {@link SelftestCommand} instead and exits with its code.
 */
public final class OnboardApplication {
  private OnboardApplication() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("selftest")) {
      System.exit(SelftestCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    Micronaut.run(OnboardApplication.class, args);
  }
}
