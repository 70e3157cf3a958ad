package org.spacemoe.onboard.planstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.envelope.RejectReason;
import org.spacemoe.shared.uplink.PlanShards;

/**
 * A standby gateway needs, stages and is sent its layer's gateway shards (plus embedding / head), like the gateway;
 * onboard staging and the ground uplink agree; a bad standby is a semantic fault.
 */
class StandbyShardsTest {
  @TempDir Path tmp;

  /** Layout B with the node's satellite p01s06 (an expert host of layer 0) as layer 0's standby gateway. */
  private static List<LayerPlacement> layoutBWithStandby() {
    List<LayerPlacement> layers = new ArrayList<>(StoreFixture.layers(false));
    layers.set(0, layers.get(0).withStandby("p01s06"));
    return layers;
  }

  @Test
  void aStandbyNeedsItsLayersGatewayShardsOnboardAndOnTheGround() {
    PlacementPlan plan = StoreFixture.plan(2, layoutBWithStandby(), Map.of());
    List<String> sats = List.of("p00s00", "p01s06", "p00s03", "p01s03");
    Map<String, SortedSet<String>> by = NodeShards.bySatellite(plan, sats);
    assertEquals(Set.of("embed", "layer00.gateway", "layer00.expert02"), by.get("p01s06"));
    assertEquals(Set.of("embed", "layer00.gateway"), by.get("p00s03"));
    assertEquals(Set.of("head", "layer01.gateway"), by.get("p00s00"));
    for (String s : sats) {
      assertEquals(PlanShards.needed(plan, s), by.get(s), s);
    }
    // without the standby p01s06 holds only its expert
    PlacementPlan plain = StoreFixture.plan(2, StoreFixture.layers(false), Map.of());
    assertEquals(Set.of("layer00.expert02"), NodeShards.bySatellite(plain, List.of("p01s06")).get("p01s06"));
  }

  @Test
  void stagingAStandbyChecksItsGatewayShardsArrived() throws Exception {
    Path model = StoreFixture.modelDir();
    Map<String, Path> files = new TreeMap<>(StoreFixture.shardFiles(model));
    files.remove("layer00.gateway");
    // without the standby the node does not need layer 0's gateway: v2 stages without it
    try (PlanStore store = PlanStore.open(tmp.resolve("plain"))) {
      store.stage(StoreFixture.bytes(StoreFixture.plan(2, model)), files, StoreFixture.ctx());
    }
    // as layer 0's standby it does
    byte[] withStandby = StoreFixture.bytes(StoreFixture.plan(2, layoutBWithStandby(), StoreFixture.digests(model)));
    try (PlanStore store = PlanStore.open(tmp.resolve("standby"))) {
      StagingRejectedException e = assertThrows(StagingRejectedException.class,
          () -> store.stage(withStandby, files, StoreFixture.ctx()));
      assertEquals(RejectReason.TRANSFER, e.code(), e.getMessage());
      assertTrue(e.getMessage().contains("layer00.gateway"), e.getMessage());
      assertEquals(2, store.stage(withStandby, StoreFixture.shardFiles(model), StoreFixture.ctx()).version());
    }
  }

  @Test
  void semanticChecksRejectABadStandbyNamingLayerAndSatellite() {
    var c = ConstellationSpecs.parse(StoreFixture.SPEC);
    List<LayerPlacement> outside = new ArrayList<>(StoreFixture.layers(false));
    outside.set(1, outside.get(1).withStandby("p05s05"));
    StagingRejectedException e = assertThrows(StagingRejectedException.class,
        () -> PlanChecks.semantic(StoreFixture.plan(2, outside, Map.of()), c));
    assertEquals(RejectReason.SEMANTIC, e.code());
    assertTrue(e.getMessage().contains("layer 1 has standby p05s05, which is not in its subnet"), e.getMessage());

    List<LayerPlacement> self = new ArrayList<>(StoreFixture.layers(false));
    self.set(0, self.get(0).withStandby("p00s03"));
    e = assertThrows(StagingRejectedException.class, () -> PlanChecks.semantic(StoreFixture.plan(2, self, Map.of()), c));
    assertTrue(e.getMessage().contains("layer 0 has standby p00s03, which is its gateway"), e.getMessage());

    List<LayerPlacement> unknown = new ArrayList<>(StoreFixture.layers(false));
    unknown.set(0, unknown.get(0).withStandby("p99s99"));
    e = assertThrows(StagingRejectedException.class,
        () -> PlanChecks.semantic(StoreFixture.plan(2, unknown, Map.of()), c));
    assertTrue(e.getMessage().contains("layer 0 has standby p99s99, not a satellite of"), e.getMessage());
  }
}
