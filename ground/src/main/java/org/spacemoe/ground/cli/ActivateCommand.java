package org.spacemoe.ground.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.spacemoe.ground.ops.uplink.UplinkSession;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.StatusReport;
import org.spacemoe.shared.uplink.UplinkStage;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code activate}: switch every satellite of a plan, in two phases. Refused, naming the satellites and why, unless
 * every satellite reports the version staged (or already active). Then PREPARE to all and wait (up to
 * {@code --timeout-ms}) for every one to answer PREPARED; if any refuses or stays silent, ABORT to all (the old plan
 * keeps running everywhere) and exit 1 naming each one's reason; else COMMIT to all and report each one's answer.
 */
@picocli.CommandLine.Command(name = "activate",
    description = {"Switches every satellite of the plan to a staged plan version (new sequences run on it; running",
        "ones finish on theirs). Refused, naming who and why, unless every satellite has it staged. Two phases:",
        "PREPARE to all; COMMIT only if all answer PREPARED, else ABORT to all (exit 1, every satellite keeps its plan)."})
final class ActivateCommand implements Callable<Integer> {
  // no mixinStandardHelpOptions: its -V/--version would shadow this command's --version
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--version", required = true, paramLabel = "V", description = "plan version to activate")
  long version;

  @picocli.CommandLine.Mixin FleetOptions fleet;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /**
   * The JSON report: whether every satellite runs {@code planVersion}; when refused, per satellite not ready why
   * (and no command was sent); else per satellite its answer.
   */
  record Report(long planVersion, boolean activated, Map<String, String> refused, String phase,
      Map<String, UplinkSession.SatelliteState> prepare, Map<String, UplinkSession.SatelliteState> satellites) {}

  @Override
  public Integer call() throws Exception {
    List<String> sats = fleet.satellites();
    org.spacemoe.ground.ops.uplink.CommandIssuer issuer = fleet.issuer(); // a bad key: bad input, nothing sent
    PrintWriter o = spec.commandLine().getOut();
    try (UplinkSession s = new UplinkSession(fleet.broker.connection())) {
      Map<String, StatusReport> latest = s.latestStatus(1_000);
      List<String> notReady = new ArrayList<>();
      Map<String, String> refused = new java.util.TreeMap<>();
      for (String sat : sats) {
        StatusReport r = latest.get(sat);
        if (r == null || (r.stagedPlanVersion() != version && r.activePlanVersion() != version)) {
          String why = r == null ? "no status" : "staged " + r.stagedPlanVersion() + ", active "
              + r.activePlanVersion() + (r.reason() == null ? "" : ", " + r.reason() + ": " + r.detail());
          refused.put(sat, why);
          notReady.add(sat + " (" + why + ")");
        }
      }
      if (!notReady.isEmpty()) {
        fleet.writeJson(new Report(version, false, refused, "refused", Map.of(), Map.of()));
        throw new InvalidInputException("--version", "plan v" + version + " is not staged on " + notReady.size()
            + " satellite(s), activation refused: " + String.join("; ", notReady));
      }
      String run = UUID.randomUUID().toString().substring(0, 8);
      Map<String, UplinkSession.SatelliteState> prep = s.command(sats, Command.prepare("prepare-" + run, version),
          issuer, fleet.timeoutMs());
      List<String> unprepared = new ArrayList<>();
      prep.forEach((sat, st) -> {
        if (st.stage() != UplinkStage.PREPARED && !(st.stage() == UplinkStage.ACTIVE && st.activeVersion() == version)) {
          unprepared.add(sat + " (" + (st.stage() == UplinkStage.SENT ? "no answer to PREPARE" : st.reason() + ": "
              + st.detail()) + ")");
        }
      });
      if (!unprepared.isEmpty()) {
        Map<String, UplinkSession.SatelliteState> end = s.command(sats, Command.abort("abort-" + run, version), issuer,
            fleet.timeoutMs());
        StageTable.print(o, prep);
        o.printf("plan v%d: ABORTED, not prepared on %s; every satellite keeps its plan%n", version,
            String.join("; ", unprepared));
        o.println(StageTable.versionsNow(end));
        fleet.writeJson(new Report(version, false, Map.of(), "aborted", prep, end));
        o.flush();
        return 1;
      }
      Map<String, UplinkSession.SatelliteState> end = s.command(sats, Command.commit("commit-" + run, version), issuer,
          fleet.timeoutMs());
      StageTable.print(o, end);
      boolean ok = end.values().stream().allMatch(x -> x.stage() == UplinkStage.ACTIVE && x.activeVersion() == version);
      o.printf("plan v%d: %s%n", version, ok ? "active on every satellite" : "NOT active everywhere (COMMIT lost or"
          + " refused on some: re-run activate when they report, or roll back the others with ground rollback)");
      o.println(StageTable.versionsNow(end));
      fleet.writeJson(new Report(version, ok, Map.of(), ok ? "committed" : "partly-committed", prep, end));
      o.flush();
      return ok ? 0 : 1;
    }
  }
}
