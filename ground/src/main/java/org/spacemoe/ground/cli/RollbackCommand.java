package org.spacemoe.ground.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.spacemoe.ground.ops.uplink.CommandIssuer;
import org.spacemoe.ground.ops.uplink.UplinkSession;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.PlanShards;
import org.spacemoe.shared.uplink.UplinkStage;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rollback --to-version V}: every satellite of a plan goes back to exactly version V, which it must hold
 * (its previous plan, or an older plan staged from a signed rollback envelope); a satellite that does not refuses
 * with NOT_HELD and keeps its plan.
 */
@picocli.CommandLine.Command(name = "rollback", mixinStandardHelpOptions = true,
    description = {"Returns every satellite of the plan to exactly plan version V, older than its active one and",
        "held by it (its previous plan, or one staged by 'uplink --rollback'). Signed commands; exit 0 when every",
        "satellite runs V, 1 when not (refusals named per satellite), 2 on bad input."})
final class RollbackCommand implements Callable<Integer> {
  @Option(names = "--to-version", required = true, paramLabel = "V", description = "plan version to go back to")
  long toVersion;

  @picocli.CommandLine.Mixin FleetOptions fleet;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** The JSON report: the target version, whether every satellite runs it, and each one's answer. */
  record Report(long toVersion, boolean rolledBack, Map<String, UplinkSession.SatelliteState> satellites) {}

  @Override
  public Integer call() throws Exception {
    if (toVersion < 1) {
      throw new InvalidInputException("--to-version", "must be >= 1, got " + toVersion);
    }
    PlacementPlan plan = fleet.plan();
    List<String> sats = new ArrayList<>(PlanShards.satellites(plan));
    CommandIssuer issuer = fleet.issuer();
    PrintWriter o = spec.commandLine().getOut();
    try (UplinkSession s = new UplinkSession(fleet.broker.connection())) {
      Map<String, UplinkSession.SatelliteState> end = s.command(sats,
          Command.rollback("rollback-" + UUID.randomUUID().toString().substring(0, 8), toVersion), issuer,
          fleet.timeoutMs());
      StageTable.print(o, end);
      boolean ok = end.values().stream().allMatch(x -> x.stage() == UplinkStage.ACTIVE
          && x.activeVersion() == toVersion);
      o.printf("rollback to v%d: %s%n", toVersion, ok ? "every satellite runs it"
          : "NOT on every satellite: check 'ground status'");
      o.println(StageTable.versionsNow(end));
      fleet.writeJson(new Report(toVersion, ok, end));
      o.flush();
      return ok ? 0 : 1;
    }
  }
}
