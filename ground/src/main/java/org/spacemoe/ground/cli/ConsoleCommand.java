package org.spacemoe.ground.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.spacemoe.ground.console.OperationsConsole;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code console}: the operations console in the browser, read-only, live from the broker. */
@Command(name = "console", mixinStandardHelpOptions = true,
    description = {"Serves a read-only operations console on a local web page, live from the broker: satellites by",
        "plane and slot with health and plan versions (the plan's gateways and experts with --plan), uplink stages",
        "and chunk progress, per-token latency (uPlot) and drops by reason. It only subscribes: it never publishes.",
        "Runs until interrupted (Ctrl-C)."})
final class ConsoleCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin BrokerOptions broker;

  @Option(names = "--port", defaultValue = "8470", paramLabel = "P",
      description = "HTTP port, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--bind", defaultValue = OperationsConsole.DEFAULT_BIND, paramLabel = "ADDRESS",
      description = "address to listen on (default: ${DEFAULT-VALUE}, this computer only)")
  String bind;

  @Option(names = "--plan", paramLabel = "FILE", description = "the active plan: marks its satellites, gateways and experts")
  Path planFile;

  @Option(names = "--slot", paramLabel = "N",
      description = "with --plan: show the links of this time slot (the slot the nodes are pinned to); default: the "
          + "slot advances with wall time from the console's start, time scale 1, as an unpinned node's")
  Integer slot;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Counted down to stop a running console (tests); otherwise it runs until the JVM is interrupted. */
  static volatile CountDownLatch stop;

  @Override
  public Integer call() throws Exception {
    Checks.inRange("--port", port, 0, 65535);
    if (slot != null && planFile == null) {
      throw new org.spacemoe.shared.input.InvalidInputException("--slot", "needs --plan");
    }
    PlacementPlan plan = planFile == null ? null : PlanJson.read(planFile);
    if (slot != null) {
      Checks.inRange("--slot", slot, 0, plan.inputs().slots() - 1);
    }
    try (OperationsConsole c = OperationsConsole.start(broker.connection(), bind, port, plan)) {
      c.model().pinSlot(slot);
      spec.commandLine().getOut().printf("console: %s (read-only, listening to %s; Ctrl-C to stop)%n", c.url(),
          broker.broker);
      spec.commandLine().getOut().flush();
      CountDownLatch s = stop;
      if (s != null) {
        s.await();
      } else {
        new CountDownLatch(1).await();
      }
    }
    return 0;
  }
}
