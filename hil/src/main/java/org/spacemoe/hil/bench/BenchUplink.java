package org.spacemoe.hil.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.ground.ops.uplink.CommandCounters;
import org.spacemoe.ground.ops.uplink.CommandIssuer;
import org.spacemoe.ground.ops.uplink.PlanForUplink;
import org.spacemoe.ground.ops.uplink.UplinkSession;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.PlanSigner;
import org.spacemoe.shared.plan.envelope.SignedPlan;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.CommandSigner;
import org.spacemoe.shared.uplink.PlanShards;
import org.spacemoe.shared.uplink.UplinkStage;

/**
 * The bench's over-the-air path: a fresh ground key the node trusts, a node with an empty data directory, and
 * the plan and its shards delivered, staged and activated through the broker exactly as {@code ground uplink}
 * and {@code ground activate} do.
 */
final class BenchUplink {
  private final Path keyDir;
  private final KeyPair keys;

  BenchUplink(Path workDir) throws Exception {
    keyDir = Files.createDirectories(workDir.resolve("keys"));
    keys = PlanKeys.generate();
    PlanKeys.writePublic(keys.getPublic(), keyDir.resolve("ground.pub"));
  }

  /** {@code plan} signed with the bench's ground key. */
  SignedPlan sign(PlacementPlan plan, boolean rollback) {
    return PlanSigner.sign(PlanJson.toBytes(plan), keys, rollback);
  }

  /** Signs commands with the bench's ground key; its counters beside the public key. */
  CommandIssuer issuer() {
    CommandSigner signer = new CommandSigner(keys.getPrivate(), keys.getPublic());
    return new CommandIssuer(signer, new CommandCounters(keyDir.resolve(signer.keyId() + ".counters.json"),
        System::currentTimeMillis));
  }

  /** Points the node at an empty data directory and makes it trust the bench's ground key. */
  void configure(OnboardConfig cfg, Path workDir) throws Exception {
    cfg.setDataDir(Files.createDirectories(workDir.resolve("node-data")).toString());
    cfg.setTrustedKeys(List.of(keyDir.resolve("ground.pub").toString()));
  }

  /**
   * Uplinks, then activates, the workspace's plan.
   *
   * @return per satellite its final stage after activation
   */
  Map<String, String> deliver(BenchWorkspace ws, String broker, long timeoutMs) throws Exception {
    return deliver(ws, broker, timeoutMs, ws.plan().planVersion());
  }

  /** As {@link #deliver(BenchWorkspace, String, long)}, the plan stamped with {@code version}. */
  Map<String, String> deliver(BenchWorkspace ws, String broker, long timeoutMs, long version) throws Exception {
    PlacementPlan ready = PlanForUplink.withDigests(ws.plan(), ws.modelDir(), version);
    SignedPlan signed = sign(ready, false);
    Map<String, String> out = new LinkedHashMap<>();
    try (UplinkSession s = new UplinkSession(broker)) {
      Map<String, UplinkSession.SatelliteState> staged = s.uplink(ready, signed, ws.modelDir(), timeoutMs, x -> { });
      List<String> failed = new ArrayList<>();
      staged.forEach((sat, st) -> {
        if (st.stage() != UplinkStage.STAGED) {
          failed.add(sat + " " + st.stage() + (st.reason() == null ? "" : " " + st.reason() + ": " + st.detail()));
        }
      });
      if (!failed.isEmpty()) {
        throw new IllegalStateException("uplink did not stage everywhere: " + failed);
      }
      Map<String, UplinkSession.SatelliteState> active = s.command(new ArrayList<>(PlanShards.satellites(ready)),
          Command.activate("bench-activate", ready.planVersion()), issuer(), timeoutMs);
      active.forEach((sat, st) -> out.put(sat, st.stage() + " v" + st.activeVersion()));
    }
    return out;
  }
}
