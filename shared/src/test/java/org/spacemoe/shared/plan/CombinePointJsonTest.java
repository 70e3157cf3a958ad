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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;

/** The per-layer combine point in the plan JSON: golden text, backwards compatibility, round trip. */
class CombinePointJsonTest {

  private static PlacementPlan withCombine(CombinePoint first) {
    PlacementPlan p = PlanJsonTest.plan(Map.of());
    List<LayerPlacement> layers = new ArrayList<>(p.layers());
    LayerPlacement l0 = layers.get(0);
    layers.set(0, new LayerPlacement(0, l0.subnet(), l0.gateway(), l0.experts(), first));
    return new PlacementPlan(p.schemaVersion(), p.planVersion(), p.strategy(), p.constellationId(), layers,
        p.shardDigests(), p.inputs());
  }

  @Test
  void goldenLayerEntryWithCombineNext() {
    String text = new String(PlanJson.toBytes(withCombine(CombinePoint.NEXT)), StandardCharsets.UTF_8);
    // layer 0, written field by field in record order; "combine" is last and spelled "next"
    String golden = String.join("\n",
        "  \"layers\" : [ {",
        "    \"layer\" : 0,",                                  // 0-based layer index
        "    \"subnet\" : [ \"p00s00\", \"p00s01\", \"p01s00\" ],", // the layer's satellites
        "    \"gateway\" : \"p00s00\",",                        // attention + router
        "    \"experts\" : [ [ \"p00s01\" ], [ \"p01s00\" ] ],",  // expert e -> its host(s)
        "    \"combine\" : \"next\"",                           // outputs go on to layer 1's gateway
        "  }, {",
        "    \"layer\" : 1,");
    assertTrue(text.contains(golden), text);
    assertEquals(1, text.split("\"combine\"", -1).length - 1, "layer 1 (own) writes no combine field: " + text);
  }

  @Test
  void ownIsWrittenAsAbsentSoOldPlansKeepTheirBytes() throws Exception {
    byte[] own = PlanJson.toBytes(withCombine(CombinePoint.OWN));
    byte[] old = PlanJson.toBytes(PlanJsonTest.plan(Map.of()));
    assertArrayEquals(old, own);
    assertFalse(new String(own, StandardCharsets.UTF_8).contains("combine"));
    PlacementPlan back = PlanJson.parse("old.json", old);
    for (LayerPlacement lp : back.layers()) {
      assertEquals(CombinePoint.OWN, lp.combinePoint());
    }
    // an explicit "own" reads as own too
    ObjectNode tree = (ObjectNode) PlanJson.mapper().readTree(old);
    ((ObjectNode) tree.get("layers").get(0)).put("combine", "own");
    PlacementPlan explicit = PlanJson.parse("explicit.json", PlanJson.mapper().writeValueAsBytes(tree));
    assertEquals(CombinePoint.OWN, explicit.layers().get(0).combinePoint());
  }

  @Test
  void unknownCombineValueIsRejectedAndNamed() throws Exception {
    ObjectNode tree = (ObjectNode) PlanJson.mapper().readTree(PlanJson.toBytes(PlanJsonTest.plan(Map.of())));
    ((ObjectNode) tree.get("layers").get(0)).put("combine", "previous");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PlanJson.parse("bad.json", PlanJson.mapper().writeValueAsBytes(tree)));
    assertTrue(e.getMessage().contains("layers[0].combine"), e.getMessage());
  }

  @Test
  void lastLayerCannotCombineAtTheNextGateway() throws Exception {
    ObjectNode tree = (ObjectNode) PlanJson.mapper().readTree(PlanJson.toBytes(PlanJsonTest.plan(Map.of())));
    ((ObjectNode) tree.get("layers").get(1)).put("combine", "next");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PlanJson.parse("last.json", PlanJson.mapper().writeValueAsBytes(tree)));
    assertTrue(e.getMessage().contains("layers[1].combine") && e.getMessage().contains("LM head"), e.getMessage());
  }

  @Property(tries = 200)
  void roundTripKeepsEveryCombinePoint(@ForAll @Size(min = 1, max = 12) List<Boolean> next) {
    List<LayerPlacement> layers = new ArrayList<>();
    for (int l = 0; l < next.size(); l++) {
      boolean n = next.get(l) && l < next.size() - 1;
      layers.add(new LayerPlacement(l, List.of("g" + l, "e" + l), "g" + l, List.of(List.of("e" + l)),
          n ? CombinePoint.NEXT : CombinePoint.OWN));
    }
    PlacementPlan p = PlanJsonTest.plan(Map.of());
    PlacementPlan plan = new PlacementPlan(p.schemaVersion(), 3, "joint", p.constellationId(), layers, Map.of(),
        p.inputs());
    byte[] bytes = PlanJson.toBytes(plan);
    PlacementPlan back = PlanJson.parse("prop.json", bytes);
    assertEquals(plan.layers(), back.layers());
    assertArrayEquals(bytes, PlanJson.toBytes(back));
  }
}
