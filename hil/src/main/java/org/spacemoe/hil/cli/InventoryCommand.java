package org.spacemoe.hil.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spacemoe.hil.inventory.Board;
import org.spacemoe.hil.inventory.Inventory;
import org.spacemoe.hil.inventory.InventoryChecks;
import org.spacemoe.hil.inventory.InventoryReader;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.cli.JsonReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inventory}: validates a bench inventory and lists its boards. */
@Command(name = "inventory", mixinStandardHelpOptions = true,
    description = {"Validates a bench inventory (docs/bench.md) and lists its boards.",
        "With --plan, also checks that the boards host exactly the plan's satellites.",
        "A bad inventory ends with one line naming the file, the path in the document and the problem; exit code 2."})
final class InventoryCommand implements Callable<Integer> {
  @Option(names = "--inventory", required = true, description = "the bench inventory (YAML)")
  Path inventory;

  @Option(names = "--plan", description = "check the boards host exactly this plan's satellites")
  Path plan;

  @Option(names = "--report", description = "write the parsed inventory as JSON here")
  Path report;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Inventory inv = InventoryReader.read(inventory);
    if (plan != null) {
      InventoryChecks.againstPlan(inv, PlanJson.read(plan), plan.toString());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%s: broker %s, isl %s, %d boards, %d satellites%s%n", inventory, inv.broker().uri(),
        inv.isl().yamlName(), inv.boards().size(), inv.satellites().size(), plan == null ? "" : ", all of " + plan);
    out.printf("%-14s %-22s %-8s %-9s %-10s %-20s %5s %-7s %s%n", "board", "ssh", "arch", "device", "service",
        "install dir", "http", "sats", "satellites");
    for (Board b : inv.boards()) {
      out.printf("%-14s %-22s %-8s %-9s %-10s %-20s %5d %-7d %s%n", b.name(), b.sshAddress(),
          b.architecture().yamlName(), b.device(), b.service().yamlName(), b.installDir(), b.httpPort(),
          b.satellites().size(), String.join(",", b.satellites()));
    }
    JsonReportWriter.write(report, inv, out);
    out.flush();
    return 0;
  }
}
