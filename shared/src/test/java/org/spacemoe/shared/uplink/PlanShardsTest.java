package org.spacemoe.shared.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;

class PlanShardsTest {
  @Test
  void gatewaysExpertsEntryAndLast() {
    PlacementPlan base = UplinkMessagesTest.plan(1, Map.of());
    PlacementPlan plan = new PlacementPlan(1, 1, "t", "c", List.of(
        new LayerPlacement(0, List.of("A", "B", "C"), "A", List.of(List.of("B"), List.of("C", "B"))),
        new LayerPlacement(1, List.of("D", "E", "A"), "D", List.of(List.of("A"), List.of("E")))),
        Map.of(), base.inputs());
    assertEquals(Set.of("embed", "layer00.gateway", "layer01.expert00"), PlanShards.needed(plan, "A"));
    assertEquals(Set.of("layer00.expert00", "layer00.expert01"), PlanShards.needed(plan, "B"));
    assertEquals(Set.of("layer00.expert01"), PlanShards.needed(plan, "C"));
    assertEquals(Set.of("head", "layer01.gateway"), PlanShards.needed(plan, "D"));
    assertEquals(Set.of(), PlanShards.needed(plan, "Z"));
    assertEquals(Set.of("A", "B", "C", "D", "E"), PlanShards.satellites(plan));
  }

  @Test
  void oneLayerGatewayIsEntryAndLast() {
    PlacementPlan plan = UplinkMessagesTest.plan(1, Map.of());
    assertEquals(Set.of("embed", "head", "layer00.gateway"), PlanShards.needed(plan, "A"));
  }

  @Test
  void aStandbyNeedsTheGatewayShardsOfItsLayerLikeTheGateway() {
    PlacementPlan base = UplinkMessagesTest.plan(1, Map.of());
    PlacementPlan plan = new PlacementPlan(1, 1, "t", "c", List.of(
        new LayerPlacement(0, List.of("A", "B", "C", "F"), "A", List.of(List.of("B"), List.of("C")), null, "F"),
        new LayerPlacement(1, List.of("D", "E", "G"), "D", List.of(List.of("G"), List.of("E")), null, "E")),
        Map.of(), base.inputs());
    // F only stands by for layer 0 (the entry): gateway and embedding, like A
    assertEquals(Set.of("embed", "layer00.gateway"), PlanShards.needed(plan, "F"));
    assertEquals(Set.of("embed", "layer00.gateway"), PlanShards.needed(plan, "A"));
    // E hosts an expert of layer 1 and stands by for its (last) gateway: head too
    assertEquals(Set.of("head", "layer01.expert01", "layer01.gateway"), PlanShards.needed(plan, "E"));
    assertEquals(Set.of("A", "B", "C", "D", "E", "F", "G"), PlanShards.satellites(plan));
  }
}
