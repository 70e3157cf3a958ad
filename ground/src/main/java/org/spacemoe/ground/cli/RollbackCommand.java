package org.spacemoe.ground.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.spacemoe.ground.ops.uplink.UplinkSession;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.PlanShards;
import org.spacemoe.shared.uplink.UplinkStage;
import picocli.CommandLine.Spec;

/** {@code rollback}: every satellite of a plan returns to its previous plan. */
@picocli.CommandLine.Command(name = "rollback", mixinStandardHelpOptions = true,
    description = "Returns every satellite of the plan to the plan it ran before the last activation.")
final class RollbackCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin FleetOptions fleet;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** The JSON report: whether every satellite answered and all run one version, and each one's answer. */
  record Report(boolean consistent, Map<String, UplinkSession.SatelliteState> satellites) {}

  @Override
  public Integer call() throws Exception {
    PlacementPlan plan = fleet.plan();
    List<String> sats = new ArrayList<>(PlanShards.satellites(plan));
    PrintWriter o = spec.commandLine().getOut();
    try (UplinkSession s = new UplinkSession(fleet.broker.connection())) {
      Map<String, UplinkSession.SatelliteState> end = s.command(sats,
          Command.rollback("rollback-" + UUID.randomUUID().toString().substring(0, 8), plan.planVersion()),
          fleet.timeoutMs());
      StageTable.print(o, end);
      long versions = end.values().stream().mapToLong(UplinkSession.SatelliteState::activeVersion).distinct().count();
      boolean ok = end.values().stream().allMatch(x -> x.stage() == UplinkStage.ACTIVE) && versions == 1;
      o.printf("rollback: %s%n", ok ? "every satellite on one plan version" : "NOT consistent: check 'ground status'");
      fleet.writeJson(new Report(ok, end));
      o.flush();
      return ok ? 0 : 1;
    }
  }
}
