package org.spacemoe.shared.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;

/** Tensor-parallel parts in the plan JSON: round trip, absent when none, validation naming the layer. */
class SplitPartsJsonTest {

  private static PlacementPlan withParts(List<String> attention1, List<String> head1) {
    PlacementPlan p = PlanJsonTest.plan(Map.of());
    List<LayerPlacement> layers = new ArrayList<>(p.layers());
    layers.set(1, layers.get(1).withParts(attention1, head1));
    return new PlacementPlan(p.schemaVersion(), p.planVersion(), p.strategy(), p.constellationId(), layers,
        p.shardDigests(), p.inputs());
  }

  @Test
  void partsRoundTripAndWidthsCountTheGateway() {
    PlacementPlan p = withParts(List.of("p00s01", "p01s00"), List.of("p00s00"));
    byte[] bytes = PlanJson.toBytes(p);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"attentionParts\""), text);
    PlacementPlan back = PlanJson.parse("tp.json", bytes);
    assertEquals(p.layers(), back.layers());
    assertEquals(3, back.layers().get(1).attentionWidth());
    assertEquals(2, back.layers().get(1).headWidth());
    assertEquals(1, back.layers().get(0).attentionWidth());
    assertArrayEquals(bytes, PlanJson.toBytes(back));
  }

  @Test
  void noPartsWriteNothingSoOldPlansKeepTheirBytes() {
    byte[] none = PlanJson.toBytes(withParts(List.of(), List.of()));
    assertArrayEquals(PlanJson.toBytes(PlanJsonTest.plan(Map.of())), none);
    assertFalse(new String(none, StandardCharsets.UTF_8).contains("Parts"));
  }

  @Test
  void badPartsAreRefusedNamingLayerAndField() throws Exception {
    assertRefused(1, "attentionParts", List.of("p01s01"), "must name distinct satellites other than the gateway p01s01");
    assertRefused(1, "attentionParts", List.of("p00s01", "p00s01"), "must name distinct satellites");
    assertRefused(1, "attentionParts", List.of("a", "b", "c", "d"), "splits 5 ways (with the gateway), at most 4");
    assertRefused(0, "headParts", List.of("p00s01"), "layer 0 has headParts, but only the last layer (1)");
  }

  private static void assertRefused(int layer, String field, List<String> parts, String expected) throws Exception {
    ObjectNode tree = (ObjectNode) PlanJson.mapper().readTree(PlanJson.toBytes(PlanJsonTest.plan(Map.of())));
    ArrayNode a = ((ObjectNode) tree.get("layers").get(layer)).putArray(field);
    parts.forEach(a::add);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PlanJson.parse("bad.json", PlanJson.mapper().writeValueAsBytes(tree)));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
  }
}
