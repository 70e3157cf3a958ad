package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.ops.uplink.PlanForUplink;
import org.spacemoe.ground.ops.uplink.UplinkSession;
import org.spacemoe.hil.Await;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.PlanSigner;
import org.spacemoe.shared.plan.envelope.SignedPlan;
import org.spacemoe.shared.uplink.PlanShards;
import org.spacemoe.shared.uplink.UplinkStage;

/**
 * Every way an uplinked plan can be bad, through a real broker to a node running plan 1: a flipped byte in the
 * signed plan, a plan signed by a key the node does not trust, a flipped byte in a shard, and a replay of an older
 * signed plan are each rejected with their own reason code, and {@code ground status} shows that code (table and
 * JSON). A plan whose shard is signed and matches its digest but is no ONNX model is rejected as SHARD_LOAD, its
 * activation is refused for every satellite naming the satellite and the reason, and the old plan keeps serving
 * the reference tokens.
 */
@Timeout(300)
class UplinkRejectionTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @TempDir Path dir;
  private TinyBench bench;

  private static GroundRun ground(String... args) {
    return GroundRun.of(args);
  }

  private String planFile() {
    return bench.workspace.dataDir().resolve("plan.json").toString();
  }

  private Map<String, UplinkSession.SatelliteState> uplink(PlacementPlan plan, SignedPlan signed, Path model,
      long timeoutMs) throws Exception {
    try (UplinkSession s = new UplinkSession(BROKER.uri())) {
      return s.uplink(plan, signed, model, timeoutMs, x -> { });
    }
  }

  /** {@code ground status} table and JSON; asserts that {@code satellite} shows {@code reason} in both. */
  private void assertStatusShows(String satellite, String reason) throws Exception {
    Path json = dir.resolve("status-" + reason + ".json");
    GroundRun st = ground("status", "--broker", BROKER.uri(), "--wait-ms", "1000", "--json", json.toString());
    assertEquals(0, st.code(), st::err);
    assertTrue(st.out().lines().anyMatch(l -> l.startsWith(satellite + " ") && l.contains("REJECTED")
        && l.contains(reason)), () -> satellite + " " + reason + " in the status table:\n" + st.out());
    JsonNode sats = PlanJson.mapper().readTree(json.toFile()).get("satellites");
    JsonNode mine = null;
    for (JsonNode s : sats) {
      if (satellite.equals(s.get("satellite").asText())) {
        mine = s;
      }
    }
    assertTrue(mine != null, "satellite in status JSON");
    assertEquals("REJECTED", mine.get("lastUplinkStage").asText(), mine::toString);
    assertEquals(reason, mine.get("rejectReason").asText(), mine::toString);
  }

  private static String reasonOf(Map<String, UplinkSession.SatelliteState> states, String satellite) {
    UplinkSession.SatelliteState s = states.get(satellite);
    assertEquals(UplinkStage.REJECTED, s.stage(), () -> satellite + " " + s);
    return s.reason();
  }

  private Path keyFile;

  @Test
  void badPlansAreRejectedWithDistinctReasonsAndAnUnloadableShardBlocksActivation() throws Exception {
    bench = TinyBench.prepare(dir.resolve("bench"));
    Path model = bench.workspace.modelDir();
    KeyPair pair = PlanKeys.generate();
    PrivateKey key = pair.getPrivate();
    Path pub = dir.resolve("ground.pub");
    PlanKeys.writePublic(pair.getPublic(), pub);
    keyFile = dir.resolve("ground.key");
    PlanKeys.writePrivate(key, keyFile);
    OnboardConfig cfg = bench.config(BROKER.uri(), bench.satellites(), Files.createDirectories(dir.resolve("node")));
    cfg.setTrustedKeys(List.of(pub.toString()));
    String victim = bench.expertHost(0, 0);
    String victimShard = "layer00.expert00";
    assertTrue(PlanShards.needed(bench.plan(), victim).contains(victimShard), "victim hosts " + victimShard);
    int[] want = bench.reference(TinyBench.PROMPT, 5).generated();

    try (OnboardRuntime node = new OnboardRuntime(cfg).start()) {
      Await.until(Duration.ofSeconds(15), () -> String.valueOf(node.health().get("reason")).startsWith("no plan yet"),
          () -> "node waiting: " + node.health());
      PlacementPlan v1 = PlanForUplink.withDigests(bench.plan(), model, 1);
      SignedPlan signed1 = PlanSigner.sign(PlanJson.toBytes(v1), key, false);
      uplink(v1, signed1, model, 60_000).forEach((s, st) -> assertEquals(UplinkStage.STAGED, st.stage(), s));
      assertEquals(0, ground("activate", "--version", "1", "--plan", planFile(), "--broker", BROKER.uri(), "--key", keyFile.toString()).code());

      Map<String, String> reasons = new LinkedHashMap<>();
      PlacementPlan v2 = PlanForUplink.withDigests(bench.plan(), model, 2);
      byte[] payload2 = PlanJson.toBytes(v2);
      SignedPlan signed2 = PlanSigner.sign(payload2, key, false);

      // one flipped byte in the signed plan: the signature no longer verifies
      byte[] flipped = payload2.clone();
      int at = new String(flipped, java.nio.charset.StandardCharsets.UTF_8).indexOf("\"planVersion\"");
      flipped[at + 1] ^= 0x20; // "planVersion" -> "PlanVersion"
      SignedPlan tampered = new SignedPlan(signed2.format(), signed2.version(), signed2.keyId(), signed2.algorithm(),
          false, Base64.getEncoder().encodeToString(flipped), signed2.signature());
      reasons.put("flipped plan byte", reasonOf(uplink(v2, tampered, model, 20_000), victim));
      assertStatusShows(victim, reasons.get("flipped plan byte"));

      // signed by a key the node does not trust
      SignedPlan stranger = PlanSigner.sign(payload2, PlanKeys.generate().getPrivate(), false);
      reasons.put("wrong key", reasonOf(uplink(v2, stranger, model, 20_000), victim));
      assertStatusShows(victim, reasons.get("wrong key"));

      // one flipped byte in a shard the victim needs: its SHA-256 is not the signed plan's
      Path damaged = bench.copyData(dir.resolve("damaged")).resolve("model");
      Path shardFile = damaged.resolve(ShardContract.fileName(victimShard));
      byte[] bytes = Files.readAllBytes(shardFile);
      bytes[bytes.length / 2] ^= 0x01;
      Files.write(shardFile, bytes);
      reasons.put("flipped shard byte", reasonOf(uplink(v2, signed2, damaged, 8_000), victim));
      assertStatusShows(victim, reasons.get("flipped shard byte"));

      // the genuine plan 2 goes through; then plan 1's envelope, replayed, is refused
      uplink(v2, signed2, model, 60_000).forEach((s, st) -> assertEquals(UplinkStage.STAGED, st.stage(), s + st));
      assertEquals(0, ground("activate", "--version", "2", "--plan", planFile(), "--broker", BROKER.uri(), "--key", keyFile.toString()).code());
      assertEquals(2, node.activePlanVersion());
      assertServesReference(want, 51L, "plan 2 serves the reference tokens");
      reasons.put("replayed older plan", reasonOf(uplink(v1, signed1, model, 20_000), victim));
      assertStatusShows(victim, reasons.get("replayed older plan"));

      assertEquals(Map.of("flipped plan byte", "BAD_SIGNATURE", "wrong key", "UNKNOWN_KEY", "flipped shard byte",
          "DIGEST_MISMATCH", "replayed older plan", "STALE_VERSION"), reasons);
      assertEquals(reasons.size(), new java.util.HashSet<>(reasons.values()).size(), "distinct codes " + reasons);

      // plan 3: the victim's shard is signed and matches its digest, but ONNX Runtime cannot load it
      Path unloadable = bench.copyData(dir.resolve("unloadable")).resolve("model");
      Path bad = unloadable.resolve(ShardContract.fileName(victimShard));
      byte[] garbage = Files.readAllBytes(bad);
      for (int i = 0; i < garbage.length; i++) {
        garbage[i] = (byte) (i * 31 + 7);
      }
      Files.write(bad, garbage);
      Path manifest = unloadable.resolve(ShardContract.MANIFEST_FILE);
      ObjectNode m = (ObjectNode) PlanJson.mapper().readTree(manifest.toFile());
      for (JsonNode s : m.get("shards")) {
        if (victimShard.equals(s.get("name").asText())) {
          ((ObjectNode) s).put("sha256", HexFormat.of().formatHex(
              java.security.MessageDigest.getInstance("SHA-256").digest(garbage)));
        }
      }
      PlanJson.mapper().writeValue(manifest.toFile(), m);
      PlacementPlan v3 = PlanForUplink.withDigests(bench.plan(), unloadable, 3);
      Map<String, UplinkSession.SatelliteState> s3 = uplink(v3, PlanSigner.sign(PlanJson.toBytes(v3), key, false),
          unloadable, 60_000);
      assertEquals("SHARD_LOAD", reasonOf(s3, victim), s3::toString);
      assertStatusShows(victim, "SHARD_LOAD");
      Path refusal = dir.resolve("activate-3.json");
      GroundRun refused = ground("activate", "--version", "3", "--plan", planFile(), "--broker", BROKER.uri(), "--key", keyFile.toString(), "--json",
          refusal.toString());
      assertEquals(2, refused.code(), () -> refused.out() + refused.err());
      JsonNode report = PlanJson.mapper().readTree(refusal.toFile());
      assertEquals(false, report.get("activated").asBoolean(), report::toString);
      assertTrue(report.get("refused").get(victim).asText().contains("SHARD_LOAD"), report::toString);
      assertEquals(bench.satellites().size(), report.get("refused").size(), "refused for every satellite " + report);
      assertTrue(refused.err().contains("activation refused") && refused.err().contains(victim)
          && refused.err().contains("SHARD_LOAD"), refused.err());
      assertEquals(2, node.activePlanVersion(), "the old plan keeps running");
      assertServesReference(want, 52L, "plan 2 still serves the reference tokens");
    }
  }

  /** Plan 2 (the version the start frame names) generates {@code want}. */
  private void assertServesReference(int[] want, long sequence, String what) throws Exception {
    try (TokenDriver driver = new TokenDriver(BROKER.uri())) {
      assertTrue(driver.run(2, bench.entry(), sequence, TinyBench.PROMPT, 5, false, 30_000, x -> { }),
          () -> what + ": errors " + driver.errors() + ", arrivals " + driver.arrivals());
      assertArrayEquals(want, driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray(), what);
    }
  }
}
