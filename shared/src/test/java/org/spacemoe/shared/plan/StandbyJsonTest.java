package org.spacemoe.shared.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;

/** The per-layer standby gateway in the plan JSON: round trip, backwards compatibility, validation. */
class StandbyJsonTest {

  private static PlacementPlan withStandby(String standby0) {
    PlacementPlan p = PlanJsonTest.plan(Map.of());
    List<LayerPlacement> layers = new ArrayList<>(p.layers());
    layers.set(0, layers.get(0).withStandby(standby0));
    return new PlacementPlan(p.schemaVersion(), p.planVersion(), p.strategy(), p.constellationId(), layers,
        p.shardDigests(), p.inputs());
  }

  @Test
  void roundTripWithAStandby() {
    PlacementPlan p = withStandby("p00s01");
    byte[] bytes = PlanJson.toBytes(p);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"standby\" : \"p00s01\""), text);
    assertEquals(1, text.split("\"standby\"", -1).length - 1, "layer 1 has none and writes none: " + text);
    PlacementPlan back = PlanJson.parse("sb.json", bytes);
    assertEquals(p.layers(), back.layers());
    assertEquals(Optional.of("p00s01"), back.layers().get(0).standbyGateway());
    assertEquals(Optional.empty(), back.layers().get(1).standbyGateway());
    assertArrayEquals(bytes, PlanJson.toBytes(back));
  }

  @Test
  void noStandbyIsWrittenAsAbsentSoOldPlansKeepTheirBytes() {
    byte[] none = PlanJson.toBytes(withStandby(null));
    byte[] old = PlanJson.toBytes(PlanJsonTest.plan(Map.of()));
    assertArrayEquals(old, none);
    assertFalse(new String(old, StandardCharsets.UTF_8).contains("standby"));
    PlacementPlan back = PlanJson.parse("old.json", old);
    for (LayerPlacement lp : back.layers()) {
      assertEquals(Optional.empty(), lp.standbyGateway());
      assertEquals(null, lp.standby());
    }
    assertArrayEquals(old, PlanJson.toBytes(back));
  }

  @Test
  void theOldConstructorsStillMakeLayersWithoutStandby() {
    LayerPlacement four = new LayerPlacement(0, List.of("a", "b"), "a", List.of(List.of("b")));
    LayerPlacement five = new LayerPlacement(0, List.of("a", "b"), "a", List.of(List.of("b")), CombinePoint.NEXT);
    assertEquals(null, four.standby());
    assertEquals(null, five.standby());
    assertEquals(CombinePoint.NEXT, five.withStandby("b").combinePoint());
    assertTrue(five.withStandby("b").holdsGatewayShard("b"));
    assertTrue(five.withStandby("b").holdsGatewayShard("a"));
    assertFalse(four.holdsGatewayShard("b"));
  }

  @Test
  void aStandbyOutsideTheSubnetIsRejectedNamingLayerAndSatellite() throws Exception {
    ObjectNode tree = (ObjectNode) PlanJson.mapper().readTree(PlanJson.toBytes(PlanJsonTest.plan(Map.of())));
    ((ObjectNode) tree.get("layers").get(1)).put("standby", "p00s00");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PlanJson.parse("bad.json", PlanJson.mapper().writeValueAsBytes(tree)));
    assertTrue(e.getMessage().contains("layer 1 has standby p00s00, which is not in its subnet"), e.getMessage());
    assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
  }

  @Test
  void theGatewayCannotBeItsOwnStandby() throws Exception {
    ObjectNode tree = (ObjectNode) PlanJson.mapper().readTree(PlanJson.toBytes(PlanJsonTest.plan(Map.of())));
    ((ObjectNode) tree.get("layers").get(0)).put("standby", "p00s00");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PlanJson.parse("self.json", PlanJson.mapper().writeValueAsBytes(tree)));
    assertTrue(e.getMessage().contains("layer 0 has standby p00s00, which is its gateway"), e.getMessage());
  }
}
