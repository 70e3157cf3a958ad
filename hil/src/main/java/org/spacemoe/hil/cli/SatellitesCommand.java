package org.spacemoe.hil.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spacemoe.hil.inventory.InventoryChecks;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.plan.PlanJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code satellites}: the satellites a plan gives a role, for writing a bench inventory. */
@Command(name = "satellites", mixinStandardHelpOptions = true,
    description = {"Prints the satellites a plan gives a role, one per line (gateways and expert hosts, in layer order).",
        "They are the satellite ids the boards of a bench inventory must host between them.",
        "With --boards N: N lines, each the comma-separated share of one board (sizes differ by at most one)."})
final class SatellitesCommand implements Callable<Integer> {
  @Option(names = "--plan", required = true, description = "the placement plan (JSON)")
  Path plan;

  @Option(names = "--boards", description = "split them into this many shares, one line each")
  Integer boards;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<String> sats = new ArrayList<>(InventoryChecks.planSatellites(PlanJson.read(plan)));
    PrintWriter out = spec.commandLine().getOut();
    if (boards == null) {
      sats.forEach(out::println);
    } else {
      Checks.inRange("--boards", boards, 1, sats.size());
      for (int i = 0; i < boards; i++) {
        out.println(String.join(",", sats.subList(i * sats.size() / boards, (i + 1) * sats.size() / boards)));
      }
    }
    out.flush();
    return 0;
  }
}
