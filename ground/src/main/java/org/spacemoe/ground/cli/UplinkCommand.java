package org.spacemoe.ground.cli;

import org.spacemoe.shared.cli.ByteSize;
import org.spacemoe.shared.cli.JsonReportWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spacemoe.ground.broker.AclCoverage;
import org.spacemoe.ground.broker.BrokerAccess;
import org.spacemoe.ground.broker.MosquittoAcl;
import org.spacemoe.ground.ops.uplink.PlanForUplink;
import org.spacemoe.ground.ops.uplink.UplinkSession;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.plan.PlanModelCheck;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.PlanSigner;
import org.spacemoe.shared.plan.envelope.SignedPlan;
import org.spacemoe.shared.uplink.PlanShards;
import org.spacemoe.shared.uplink.UplinkStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code uplink}: signs a plan and sends every satellite the plan and the shards it needs. */
@Command(name = "uplink", mixinStandardHelpOptions = true,
    description = {"Signs a plan (Ed25519) and sends each satellite the plan and only the shards",
        "it needs, in chunks checked by SHA-256. Shows every satellite's stage live:",
        "QUEUED, SENT, RECEIVED, VERIFIED, STAGED, or REJECTED with a reason, and its",
        "chunks (a table redrawn in place on a terminal, plain lines otherwise).",
        "Running it again resumes a cut transfer: each satellite is sent only the chunks",
        "it still misses. Before the first byte it checks that the plan and the shards",
        "are for the same model (name, dimensions), that the --acl file (if given) grants",
        "every satellite and the ground what the plan needs, and that every satellite of",
        "the plan has reported in (a heartbeat, waiting up to --wait for late ones).",
        "Exit 0 when all are STAGED, 1 when not, 2 on bad input (nothing sent)."})
final class UplinkCommand implements Callable<Integer> {
  @Option(names = "--plan", required = true, paramLabel = "FILE", description = "placement plan JSON")
  Path planFile;

  @Option(names = "--shards", required = true, paramLabel = "DIR", description = "model directory (manifest.json and shards)")
  Path shards;

  @picocli.CommandLine.Mixin BrokerOptions broker;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "ground private key (PEM, from 'keys generate')")
  Path key;

  @Option(names = "--plan-version", paramLabel = "V", description = "stamp this plan version (default: the plan's)")
  Long planVersion;

  @Option(names = "--rollback", description = "sign as a rollback: satellites accept an older version")
  boolean rollback;

  @Option(names = "--timeout", defaultValue = "120", paramLabel = "S", description = "seconds to wait for every satellite (default: ${DEFAULT-VALUE})")
  double timeoutS;

  @Option(names = "--chunk-bytes", defaultValue = "65536", paramLabel = "N",
      description = "chunk size in bytes, 1 to 16 MiB; a resumed transfer must use the same (default: ${DEFAULT-VALUE})")
  int chunkBytes;

  @Option(names = "--wait", defaultValue = "15", paramLabel = "S",
      description = "seconds to wait for every satellite of the plan to report in before sending (default:"
          + " ${DEFAULT-VALUE})")
  double waitS;

  @Option(names = "--heartbeat-age", defaultValue = "60", paramLabel = "S",
      description = "a satellite has reported in when its latest heartbeat is at most this old; the broker keeps a"
          + " dead satellite's last one (default: ${DEFAULT-VALUE})")
  double heartbeatAgeS;

  @Option(names = "--acl", paramLabel = "FILE",
      description = "the broker's Mosquitto acl_file: checked to grant every satellite (its own user or a board's)"
          + " and the ground what the plan needs")
  Path acl;

  @Option(names = "--ground-user", paramLabel = "NAME", defaultValue = BrokerAccess.DEFAULT_GROUND_USER,
      description = "the ground's user in --acl (default: ${DEFAULT-VALUE})")
  String groundUser;

  @Option(names = "--json", paramLabel = "FILE", description = "also write the final stages and chunk counts as JSON")
  Path json;

  @Option(names = "--live", negatable = true, paramLabel = "",
      description = "redraw the stage table in place (default: when stdout is a terminal); --no-live prints plain"
          + " progress lines on stderr")
  Boolean live;

  /** The JSON report: per satellite its final stage (reason when rejected) and chunk counts. */
  record Report(long planVersion, String keyId, boolean stagedEverywhere, long chunksSent, long bytesSent,
      long bytesNeeded,
      Map<String, UplinkSession.SatelliteState> satellites, Map<String, UplinkSession.ChunkProgress> chunks) {}

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PlacementPlan plan = PlanJson.read(planFile);
    preflight(plan);
    PlacementPlan ready = PlanForUplink.withDigests(plan, shards, planVersion == null ? plan.planVersion() : planVersion);
    SignedPlan signed = PlanSigner.sign(PlanJson.toBytes(ready), PlanKeys.readPrivate(key), rollback);
    PrintWriter o = spec.commandLine().getOut();
    boolean redraw = live != null ? live : UplinkLiveTable.stdoutIsTerminal();
    UplinkLiveTable view = new UplinkLiveTable(redraw ? System.out : System.err, redraw, ready.planVersion());
    Map<String, UplinkSession.SatelliteState> end;
    Map<String, UplinkSession.ChunkProgress> chunks;
    long sent;
    long bytesSent;
    try (UplinkSession s = new UplinkSession(broker.connection()).chunkBytes(chunkBytes)) {
      awaitReportedIn(s, ready);
      end = s.uplink(ready, signed, shards, (long) (timeoutS * 1000), states -> view.update(states, s.chunkProgress()));
      chunks = s.chunkProgress();
      sent = s.chunksSent();
      bytesSent = s.bytesSent();
      view.finish(end, chunks);
    }
    if (!redraw) {
      StageTable.print(o, end);
    }
    boolean ok = end.values().stream().allMatch(x -> x.stage() == UplinkStage.STAGED);
    long offered = chunks.values().stream().mapToLong(UplinkSession.ChunkProgress::offered).sum();
    long needed = chunks.values().stream().mapToLong(UplinkSession.ChunkProgress::bytesOffered).sum();
    o.printf("plan v%d (key %s): %s, %d chunks sent of %d offered (the rest already held); %s sent of %s"
        + " needed%n", ready.planVersion(), signed.keyId(), ok ? "staged on every satellite" : "NOT staged everywhere",
        sent, offered, ByteSize.format(bytesSent), ByteSize.format(needed));
    o.println(sentTo(chunks));
    if (json != null) {
      JsonReportWriter.write(json, new Report(ready.planVersion(), signed.keyId(), ok, sent, bytesSent, needed, end,
          chunks));
    }
    o.flush();
    return ok ? 0 : 1;
  }

  /** {@code chunks sent to 2 of 10 satellites: p02s01 16 (1.0 MB), p04s01 16 (1.0 MB)}, at most 10 named. */
  static String sentTo(Map<String, UplinkSession.ChunkProgress> chunks) {
    List<String> to = chunks.entrySet().stream().filter(e -> e.getValue().sent() > 0)
        .map(e -> e.getKey() + " " + e.getValue().sent() + " (" + ByteSize.format(e.getValue().bytesSent()) + ")")
        .toList();
    return "chunks sent to " + to.size() + " of " + chunks.size() + " satellites" + (to.isEmpty() ? ""
        : ": " + String.join(", ", to.subList(0, Math.min(10, to.size()))) + (to.size() > 10 ? ", ..." : ""));
  }

  /** Checks made before connecting: a failure is bad input (exit 2) and nothing is sent. */
  private void preflight(PlacementPlan plan) throws java.io.IOException {
    if (waitS < 0) {
      throw new InvalidInputException("--wait", "must be >= 0, got " + waitS);
    }
    if (heartbeatAgeS <= 0) {
      throw new InvalidInputException("--heartbeat-age", "must be > 0, got " + heartbeatAgeS);
    }
    ModelManifest manifest = ModelManifest.read(shards);
    PlanModelCheck.mismatch(plan.inputs().model(), manifest.shape()).ifPresent(problem -> {
      throw new InvalidInputException("--plan " + planFile, problem + "; nothing sent");
    });
    if (acl != null) {
      if (!java.nio.file.Files.isRegularFile(acl)) {
        throw new InvalidInputException("--acl", "'" + acl + "' is not a file");
      }
      List<String> problems = AclCoverage.problems(plan,
          MosquittoAcl.parse("--acl " + acl, java.nio.file.Files.readString(acl)), groundUser);
      if (!problems.isEmpty()) {
        throw new InvalidInputException("--acl " + acl, problems.get(0)
            + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "") + "; nothing sent");
      }
    }
  }

  /** Pre-flight on the broker: every satellite of the plan has sent a recent heartbeat, else exit 2. */
  private void awaitReportedIn(UplinkSession s, PlacementPlan plan) throws InterruptedException {
    List<String> all = List.copyOf(PlanShards.satellites(plan));
    List<String> silent = s.awaitReportedIn(all, (long) (waitS * 1000), (long) (heartbeatAgeS * 1000));
    if (!silent.isEmpty()) {
      throw new InvalidInputException("--plan " + planFile, silent.size() + " of " + all.size()
          + " satellites have not reported in within " + waitS + " s (no heartbeat younger than " + heartbeatAgeS
          + " s): " + String.join(", ", silent.subList(0, Math.min(5, silent.size())))
          + (silent.size() > 5 ? ", ..." : "") + "; start them or give a longer --wait; nothing sent");
    }
  }
}
