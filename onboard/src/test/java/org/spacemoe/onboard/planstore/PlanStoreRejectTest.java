package org.spacemoe.onboard.planstore;

import org.spacemoe.shared.plan.envelope.RejectReason;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spacemoe.onboard.planstore.StoreFixture.assertIntact;
import static org.spacemoe.onboard.planstore.StoreFixture.list;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;

/**
 * Every reject code is reachable, each by its own fault, and a rejected plan leaves the store as it was: the
 * active plan intact, no staged plan, nothing left in {@code incoming/} or {@code plans/}.
 */
class PlanStoreRejectTest {
  @TempDir Path tmp;

  /** What is uplinked in one case. */
  record Uplink(byte[] signed, Map<String, Path> files, StagingContext ctx) {}

  /** One fault and the code it must give. */
  record Case(String name, RejectReason expected, Fault fault) {}

  @FunctionalInterface
  interface Fault {
    Uplink make(Path scratch) throws Exception;
  }

  static List<Case> cases() {
    Path model = StoreFixture.modelDir();
    Map<String, Path> files = StoreFixture.shardFiles(model);
    byte[] v2 = StoreFixture.bytes(StoreFixture.plan(2, model));
    StagingContext ctx = StoreFixture.ctx();
    List<Case> c = new ArrayList<>();
    c.add(new Case("unknown key", RejectReason.UNKNOWN_KEY,
        s -> new Uplink(v2, files, StoreFixture.ctx(PlainPlanAuthenticator.rejecting(RejectReason.UNKNOWN_KEY)))));
    c.add(new Case("bad signature", RejectReason.BAD_SIGNATURE,
        s -> new Uplink(v2, files, StoreFixture.ctx(PlainPlanAuthenticator.rejecting(RejectReason.BAD_SIGNATURE)))));
    c.add(new Case("authenticator blows up", RejectReason.MALFORMED_ENVELOPE,
        s -> new Uplink(v2, files, StoreFixture.ctx(b -> {
          throw new IllegalArgumentException("base64 garbage");
        }))));
    c.add(new Case("payload is not a plan", RejectReason.MALFORMED_PLAN,
        s -> new Uplink("{\"layers\": 3".getBytes(StandardCharsets.UTF_8), files, ctx)));
    c.add(new Case("version 0", RejectReason.MALFORMED_PLAN,
        s -> new Uplink(StoreFixture.bytes(StoreFixture.plan(0, model)), files, ctx)));
    c.add(new Case("the active version again", RejectReason.STALE_VERSION,
        s -> new Uplink(StoreFixture.bytes(StoreFixture.plan(1, model)), files, ctx)));
    c.add(new Case("another constellation", RejectReason.WRONG_CONSTELLATION,
        s -> new Uplink(v2, files, new StagingContext(PlainPlanAuthenticator.PLAIN,
            "walker-star:33x32:550km:87deg:F1", StoreFixture.MODEL, DeviceProfile.SBC_2A72, StoreFixture.SATELLITES))));
    c.add(new Case("this node's satellite is not in the constellation", RejectReason.WRONG_CONSTELLATION,
        s -> new Uplink(v2, files, new StagingContext(PlainPlanAuthenticator.PLAIN, StoreFixture.CONSTELLATION_ID,
            StoreFixture.MODEL, DeviceProfile.SBC_2A72, List.of("p00s00", "p07s00")))));
    c.add(new Case("another model", RejectReason.WRONG_MODEL,
        s -> new Uplink(v2, files, new StagingContext(PlainPlanAuthenticator.PLAIN, StoreFixture.CONSTELLATION_ID,
            new PlanInputs.ModelDims("bench", 32, 8, 2, 128, 344, 512), DeviceProfile.SBC_2A72,
            StoreFixture.SATELLITES))));
    c.add(new Case("manifest of another model", RejectReason.WRONG_MODEL, s -> {
      PlanInputs.ModelDims wide = new PlanInputs.ModelDims("tiny", 2, 4, 2, 32, 64, 128); // plan and node agree
      PlacementPlan p = StoreFixture.plan(2, model);
      PlanInputs in = p.inputs();
      PlanInputs other = new PlanInputs(in.constellationSpec(), wide, in.device(), in.codec(), in.contextTokens(),
          in.islRateBitsPerS(), in.trackingLimitRadPerS(), in.linkSurvival(), in.slots(), in.seed(), in.statsSource(),
          in.expertShares());
      PlacementPlan q = new PlacementPlan(p.schemaVersion(), 2, p.strategy(), p.constellationId(), p.layers(),
          p.shardDigests(), other);
      return new Uplink(StoreFixture.bytes(q), files, new StagingContext(PlainPlanAuthenticator.PLAIN,
          StoreFixture.CONSTELLATION_ID, wide, DeviceProfile.SBC_2A72, StoreFixture.SATELLITES));
    }));
    c.add(new Case("a layer missing an expert", RejectReason.SEMANTIC, s -> {
      List<LayerPlacement> layers = StoreFixture.layers(false);
      LayerPlacement l1 = layers.get(1);
      layers = List.of(layers.get(0), new LayerPlacement(1, l1.subnet(), l1.gateway(), l1.experts().subList(0, 3)));
      return new Uplink(StoreFixture.bytes(StoreFixture.plan(2, layers, StoreFixture.digests(model))), files, ctx);
    }));
    c.add(new Case("an expert outside the constellation", RejectReason.SEMANTIC, s -> {
      List<LayerPlacement> layers = List.of(StoreFixture.layers(false).get(0),
          StoreFixture.layer(1, "p00s00", "p01s09", "p02s09", "p09s09", "p04s09"));
      return new Uplink(StoreFixture.bytes(StoreFixture.plan(2, layers, StoreFixture.digests(model))), files, ctx);
    }));
    c.add(new Case("a needed shard did not arrive", RejectReason.TRANSFER, s -> {
      Map<String, Path> f = new TreeMap<>(files);
      f.remove("layer00.expert02");
      return new Uplink(v2, f, ctx);
    }));
    c.add(new Case("one flipped byte in a shard", RejectReason.DIGEST_MISMATCH, s -> {
      Path bad = s.resolve("layer01.gateway.onnx");
      byte[] b = Files.readAllBytes(files.get("layer01.gateway"));
      b[b.length / 3] ^= 0x10;
      Files.write(bad, b);
      Map<String, Path> f = new TreeMap<>(files);
      f.put("layer01.gateway", bad);
      return new Uplink(v2, f, ctx);
    }));
    c.add(new Case("a device with tiny memory", RejectReason.MEMORY,
        s -> new Uplink(v2, files, new StagingContext(PlainPlanAuthenticator.PLAIN, StoreFixture.CONSTELLATION_ID,
            StoreFixture.MODEL, new DeviceProfile("custom", 1e9, 20_000), StoreFixture.SATELLITES))));
    c.add(new Case("a shard with a matching digest that is not ONNX", RejectReason.SHARD_LOAD, s -> {
      byte[] junk = "this is not an ONNX model, just bytes with a digest".repeat(20).getBytes(StandardCharsets.UTF_8);
      String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(junk));
      Path shard = s.resolve("layer00.expert02.onnx");
      Files.write(shard, junk);
      ModelManifest m = ModelManifest.read(model);
      List<ShardEntry> entries = new ArrayList<>();
      for (ShardEntry e : m.shards()) {
        entries.add(!e.name().equals("layer00.expert02") ? e : new ShardEntry(e.name(), e.file(), e.kind(), e.layer(),
            e.expert(), sha, junk.length, e.flopsPerToken(), e.flopsPerContextToken(), e.inputs(), e.outputs()));
      }
      ModelManifest forged = new ModelManifest(m.format(), m.version(), m.preset(), m.shape(), m.seed(), m.zipf(),
          m.weights(), m.opset(), m.irVersion(), m.routerBiasScale(), entries);
      Path manifestDir = Files.createDirectories(s.resolve("manifest"));
      forged.write(manifestDir);
      Map<String, String> digests = new TreeMap<>(StoreFixture.digests(model));
      digests.put("layer00.expert02", sha);
      Map<String, Path> f = new TreeMap<>(files);
      f.put(PlanStore.MANIFEST_KEY, manifestDir.resolve("manifest.json"));
      f.put("layer00.expert02", shard);
      return new Uplink(StoreFixture.bytes(StoreFixture.plan(2, StoreFixture.layers(false), digests)), f, ctx);
    }));
    return c;
  }

  /** A store with v1 active, in its own directory. */
  private Path storeWithV1(String name) throws Exception {
    Path data = tmp.resolve(name.replaceAll("[^a-zA-Z0-9]+", "-"));
    try (PlanStore store = PlanStore.open(data)) {
      StoreFixture.stage(store, 1);
      store.activate(1);
    }
    return data;
  }

  @TestFactory
  Stream<DynamicTest> eachFaultGivesItsCodeAndLeavesTheStoreAsItWas() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name() + " -> " + c.expected(), () -> {
      StagingRejectedException e = run(c);
      assertEquals(c.expected(), e.code(), c.name() + ": " + e.getMessage());
      assertFalse(e.detail().isBlank());
      assertFalse(e.detail().contains("\n"), e.detail());
      assertEquals(c.expected() + ": " + e.detail(), e.getMessage());
    }));
  }

  @Test
  void everyRejectCodeIsReachable() {
    Map<RejectReason, String> seen = new EnumMap<>(RejectReason.class);
    for (Case c : cases()) {
      seen.putIfAbsent(c.expected(), c.name());
    }
    // the codes after TRANSFER are the command refusals: CommandGateTest and SignedCommandsTest reach each one
    assertEquals(EnumSet.range(RejectReason.UNKNOWN_KEY, RejectReason.TRANSFER), seen.keySet(),
        "codes with a test case: " + seen);
  }

  @Test
  void checksRunInOrderAFaultyPlanGivesItsFirstFault() throws Exception {
    // stale and for another constellation: the version check comes first
    Path data = storeWithV1("order");
    Path model = StoreFixture.modelDir();
    try (PlanStore store = PlanStore.open(data)) {
      StagingContext elsewhere = new StagingContext(PlainPlanAuthenticator.PLAIN, "paper", StoreFixture.MODEL,
          DeviceProfile.SBC_2A72, StoreFixture.SATELLITES);
      assertEquals(RejectReason.STALE_VERSION, assertThrows(StagingRejectedException.class,
          () -> store.stage(StoreFixture.bytes(StoreFixture.plan(1, model)), StoreFixture.shardFiles(model),
              elsewhere)).code());
      // a missing expert and a tiny device: semantics come before memory
      List<LayerPlacement> layers = List.of(StoreFixture.layers(false).get(0),
          new LayerPlacement(1, List.of("p00s00"), "p00s00", List.of(List.of("p01s09"))));
      StagingContext tiny = new StagingContext(PlainPlanAuthenticator.PLAIN, StoreFixture.CONSTELLATION_ID,
          StoreFixture.MODEL, new DeviceProfile("custom", 1e9, 1), StoreFixture.SATELLITES);
      assertEquals(RejectReason.SEMANTIC, assertThrows(StagingRejectedException.class,
          () -> store.stage(StoreFixture.bytes(StoreFixture.plan(2, layers, StoreFixture.digests(model))),
              StoreFixture.shardFiles(model), tiny)).code());
    }
  }

  @Test
  void aRejectedPlanLeavesTheStagedOneStaged() throws Exception {
    Path data = storeWithV1("keeps-staged");
    Path model = StoreFixture.modelDir();
    try (PlanStore store = PlanStore.open(data)) {
      StoreFixture.stage(store, 2);
      Map<String, Path> files = new TreeMap<>(StoreFixture.shardFiles(model));
      files.remove("embed");
      assertEquals(RejectReason.TRANSFER, assertThrows(StagingRejectedException.class,
          () -> store.stage(StoreFixture.bytes(StoreFixture.plan(3, model)), files, StoreFixture.ctx())).code());
      assertEquals(Optional.of(2L), assertIntact(store.stagedPlan()));
      assertEquals(Optional.of(1L), assertIntact(store.activePlan()));
    }
  }

  private StagingRejectedException run(Case c) throws Exception {
    Path data = storeWithV1(c.name());
    Path scratch = Files.createDirectories(tmp.resolve("scratch-" + data.getFileName()));
    Uplink u = c.fault().make(scratch);
    StagingRejectedException e;
    try (PlanStore store = PlanStore.open(data)) {
      e = assertThrows(StagingRejectedException.class, () -> store.stage(u.signed(), u.files(), u.ctx()), c.name());
      assertEquals(Optional.of(1L), assertIntact(store.activePlan()), c.name() + ": active plan untouched");
      assertTrue(store.stagedPlan().isEmpty(), c.name() + ": nothing staged");
      assertEquals(List.of("1"), list(data.resolve("store/plans")), c.name());
      assertEquals(List.of(), list(data.resolve("store/incoming")), c.name() + ": incoming/ cleaned up");
    }
    try (PlanStore store = PlanStore.open(data)) {
      assertEquals(Optional.of(1L), assertIntact(store.activePlan()));
      assertEquals(List.of(), store.recoveryNotes());
    }
    return e;
  }
}
