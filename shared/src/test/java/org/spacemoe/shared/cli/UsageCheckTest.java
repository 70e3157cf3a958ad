package org.spacemoe.shared.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class UsageCheckTest {
  @Command(name = "tool", mixinStandardHelpOptions = true, subcommands = {Good.class, Bad.class})
  static final class Tool implements Runnable {
    @Override
    public void run() {}
  }

  @Command(name = "good", description = "agreement >= 99%% of tokens")
  static final class Good implements Runnable {
    @Option(names = "--x", description = "a value (default: ${DEFAULT-VALUE})") int x = 3;

    @Override
    public void run() {}
  }

  @Command(name = "bad")
  static final class Bad implements Runnable {
    @Option(names = "--codec", description = "fp16 within greedy agreement >= 99%)") String codec;

    @Override
    public void run() {}
  }

  @Test
  void findsTheStrayPercentAndNothingElse() {
    UsageCheck.Result r = UsageCheck.check(new CommandLine(new Tool()));
    assertEquals(java.util.List.of("tool", "tool good", "tool bad"), java.util.List.copyOf(r.help().keySet()));
    assertEquals(java.util.Set.of("tool bad"), r.problems().keySet(), r.problems().toString());
    assertTrue(r.problems().get("tool bad").contains("[picocli WARN] Could not format"), r.problems().toString());
    assertTrue(r.help().get("tool good").contains("agreement >= 99% of tokens"), r.help().get("tool good"));
  }
}
