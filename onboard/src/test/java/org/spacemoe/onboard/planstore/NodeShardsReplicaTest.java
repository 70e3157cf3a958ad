package org.spacemoe.onboard.planstore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.uplink.PlanShards;

/** Replica hosts need, load and are sent their copies' shards: onboard staging and the ground uplink agree. */
class NodeShardsReplicaTest {
  @Test
  void replicaHostsNeedTheirCopiesShards() {
    PlacementPlan plan = new PlacementPlan(PlacementPlan.SCHEMA_VERSION, 1, "t", "t", List.of(
        new LayerPlacement(0, List.of("g0", "a", "b"), "g0", List.of(List.of("a", "b"), List.of("b"))),
        new LayerPlacement(1, List.of("g1", "a", "b"), "g1", List.of(List.of("b"), List.of("a", "g1")))),
        Map.of(), null);
    List<String> sats = List.of("g0", "g1", "a", "b");
    Map<String, SortedSet<String>> by = NodeShards.bySatellite(plan, sats);
    assertEquals(List.of("layer00.expert00", "layer01.expert01"), List.copyOf(by.get("a")));
    assertEquals(List.of("layer00.expert00", "layer00.expert01", "layer01.expert00"), List.copyOf(by.get("b")));
    assertEquals(java.util.Set.of("head", "layer01.gateway", "layer01.expert01"), by.get("g1"));
    for (String s : sats) {
      assertEquals(PlanShards.needed(plan, s), by.get(s), s);
    }
  }
}
