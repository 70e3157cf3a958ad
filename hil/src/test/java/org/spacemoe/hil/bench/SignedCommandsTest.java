package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.ops.uplink.CommandCounters;
import org.spacemoe.ground.ops.uplink.CommandIssuer;
import org.spacemoe.ground.ops.uplink.PlanForUplink;
import org.spacemoe.ground.ops.uplink.UplinkSession;
import org.spacemoe.hil.Await;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.PlanSigner;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.CommandSigner;
import org.spacemoe.shared.uplink.PlanShards;
import org.spacemoe.shared.uplink.SignedCommand;
import org.spacemoe.shared.uplink.StatusReport;
import org.spacemoe.shared.uplink.UplinkStage;

/**
 * Signed commands through the real (embedded HiveMQ CE) broker to a real node: a forged, a foreign-key, a
 * wrong-target, a replayed, a malformed and an unsigned command, an ACTIVATE of an older version and a ROLLBACK
 * to a version not held are each refused with their own reason in the status report and counted in telemetry,
 * and none changes the running plan; a legitimate ROLLBACK goes to exactly its version; after the node restarts,
 * the same rollback published again is refused as REPLAYED.
 */
@Timeout(300)
class SignedCommandsTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @TempDir Path dir;

  private TinyBench bench;
  private KeyPair ground;

  private void uplinkAndActivate(UplinkSession s, CommandIssuer issuer, long version) throws Exception {
    PlacementPlan p = PlanForUplink.withDigests(bench.plan(), bench.workspace.modelDir(), version);
    s.uplink(p, PlanSigner.sign(PlanJson.toBytes(p), ground, false), bench.workspace.modelDir(), 60_000, x -> { })
        .forEach((sat, st) -> assertEquals(UplinkStage.STAGED, st.stage(), () -> sat + " " + st));
    s.command(new ArrayList<>(PlanShards.satellites(p)), Command.activate("act-" + version, version), issuer, 20_000)
        .forEach((sat, st) -> assertEquals(version, st.activeVersion(), () -> sat + " " + st));
  }

  private static StatusReport answer(UplinkSession s, String sat, SignedCommand c) throws Exception {
    s.publishRaw(sat, c.toBytes());
    StatusReport r = s.awaitAnswer(sat, c.command().commandId(), 10_000);
    assertNotNull(r, () -> "no answer from " + sat + " to " + c);
    return r;
  }

  private static String refusal(UplinkSession s, String sat, SignedCommand c) throws Exception {
    StatusReport r = answer(s, sat, c);
    assertEquals(UplinkStage.REJECTED, r.stage(), r::toString);
    return r.reason().name();
  }

  private static String refusalOfBytes(UplinkSession s, String sat, byte[] payload) throws Exception {
    s.publishRaw(sat, payload);
    StatusReport r = s.awaitReport(x -> x.satellite().equals(sat) && x.stage() == UplinkStage.REJECTED, 10_000);
    assertNotNull(r, "no refusal");
    assertTrue(r.detail().startsWith("command envelope"), r.detail());
    return r.reason().name();
  }

  private OnboardRuntime start(OnboardConfig cfg) {
    OnboardRuntime node = new OnboardRuntime(cfg).start();
    Await.until(Duration.ofSeconds(20), () -> Boolean.TRUE.equals(node.health().get("brokerConnected"))
        || node.isHealthy() || String.valueOf(node.health().get("reason")).startsWith("no plan yet"),
        () -> "node up: " + node.health());
    return node;
  }

  @Test
  void badCommandsAreRefusedWithTheirOwnReasonsAndAReplayAfterRestartToo() throws Exception {
    bench = TinyBench.prepare(dir.resolve("bench"));
    ground = PlanKeys.generate();
    Path pub = dir.resolve("ground.pub");
    PlanKeys.writePublic(ground.getPublic(), pub);
    CommandSigner signer = new CommandSigner(ground.getPrivate(), ground.getPublic());
    CommandIssuer issuer = new CommandIssuer(signer, new CommandCounters(dir.resolve("counters.json"), () -> 0));
    KeyPair stranger = PlanKeys.generate();
    CommandSigner strangerSigner = new CommandSigner(stranger.getPrivate(), stranger.getPublic());
    OnboardConfig cfg = bench.config(BROKER.uri(), bench.satellites(), Files.createDirectories(dir.resolve("node")));
    cfg.setTrustedKeys(List.of(pub.toString()));
    List<String> sats = new ArrayList<>(PlanShards.satellites(bench.plan()));
    String sat = sats.get(0);
    String other = sats.get(1);
    SignedCommand rollbackTo3;
    Map<String, String> reasons = new LinkedHashMap<>();
    try (OnboardRuntime node = start(cfg); UplinkSession s = new UplinkSession(BROKER.uri())) {
      Await.until(Duration.ofSeconds(20), () -> String.valueOf(node.health().get("reason")).startsWith("no plan yet"),
          () -> "node waiting for a plan: " + node.health());
      uplinkAndActivate(s, issuer, 3);
      uplinkAndActivate(s, issuer, 5);
      assertEquals(5, node.activePlanVersion());

      byte[] forged = signer.sign(Command.rollback("forged", 3), sat, 1L << 40).toBytes();
      forged[forged.length - 7] ^= 0x20;
      reasons.put("forged-command", refusalOfBytesOrAnswer(s, sat, forged, "forged"));
      reasons.put("unknown-key", refusal(s, sat, strangerSigner.sign(Command.rollback("stranger", 3), sat, 1L << 40)));
      reasons.put("wrong-target-command", refusal(s, sat, signer.sign(Command.rollback("elsewhere", 3), other,
          1L << 40)));
      SignedCommand again = issuer.issue(Command.activate("again", 5), sat);
      assertEquals(UplinkStage.ACTIVE, answer(s, sat, again).stage(), "the active version: done, nothing changes");
      reasons.put("replayed-command", refusal(s, sat, again));
      reasons.put("activate-older", refusal(s, sat, issuer.issue(Command.activate("older", 3), sat)));
      reasons.put("rollback-unheld", refusal(s, sat, issuer.issue(Command.rollback("unheld", 4), sat)));
      byte[] whole = issuer.issue(Command.rollback("cut", 3), sat).toBytes();
      reasons.put("truncated-command", refusalOfBytes(s, sat, Arrays.copyOf(whole, whole.length - 1)));
      reasons.put("unsigned-command", refusalOfBytes(s, sat, ("{\"format\":\"spacemoe-command\",\"version\":1,"
          + "\"commandId\":\"old\",\"action\":\"ROLLBACK\",\"planVersion\":3}").getBytes(StandardCharsets.UTF_8)));
      assertEquals(Map.of("forged-command", "BAD_SIGNATURE", "unknown-key", "UNKNOWN_KEY", "wrong-target-command",
          "WRONG_TARGET", "replayed-command", "REPLAYED", "activate-older", "STALE_VERSION", "rollback-unheld",
          "NOT_HELD", "truncated-command", "MALFORMED_ENVELOPE", "unsigned-command", "MALFORMED_ENVELOPE"), reasons);
      assertEquals(5, node.activePlanVersion(), "no refused command changed the plan");
      Map<String, Long> counted = node.telemetry().commandRefusals();
      assertEquals(Map.of("BAD_SIGNATURE", 1L, "UNKNOWN_KEY", 1L, "WRONG_TARGET", 1L, "REPLAYED", 1L,
          "STALE_VERSION", 1L, "NOT_HELD", 1L, "MALFORMED_ENVELOPE", 2L), counted);
      assertEquals(counted, org.spacemoe.onboard.telemetry.TelemetrySnapshot.of(node.telemetry(), node.health())
          .commandRefusals(), "served on /telemetry");

      rollbackTo3 = issuer.issue(Command.rollback("back-to-3", 3), sat);
      StatusReport back = answer(s, sat, rollbackTo3);
      assertEquals(UplinkStage.ACTIVE, back.stage(), back::toString);
      assertEquals(3, back.activePlanVersion());
      assertEquals(3, node.activePlanVersion(), "exactly the signed target version");
    }
    try (OnboardRuntime node = start(cfg); UplinkSession s = new UplinkSession(BROKER.uri())) {
      Await.until(Duration.ofSeconds(30), () -> node.activePlanVersion() == 3 && node.isHealthy(),
          () -> "restarted on v3: " + node.health());
      assertEquals("REPLAYED", refusal(s, sat, rollbackTo3), "the counter survived the restart");
      assertEquals(3, node.activePlanVersion());
      assertEquals(Map.of("REPLAYED", 1L), node.telemetry().commandRefusals());
    }
  }

  /** A forged envelope still decodes (only a signature byte changed): its refusal names the command. */
  private static String refusalOfBytesOrAnswer(UplinkSession s, String sat, byte[] bytes, String commandId)
      throws Exception {
    s.publishRaw(sat, bytes);
    StatusReport r = s.awaitAnswer(sat, commandId, 10_000);
    assertNotNull(r, "no answer to the forged command");
    assertEquals(UplinkStage.REJECTED, r.stage(), r::toString);
    return r.reason().name();
  }
}
