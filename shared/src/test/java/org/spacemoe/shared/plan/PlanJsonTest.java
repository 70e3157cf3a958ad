package org.spacemoe.shared.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.input.InvalidInputException;

class PlanJsonTest {
  @TempDir Path dir;

  /** A two-layer plan on a 2 x 2 constellation, two experts per layer, top-1. */
  static PlacementPlan plan(Map<String, String> digests) {
    List<LayerPlacement> layers = List.of(
        new LayerPlacement(0, List.of("p00s00", "p00s01", "p01s00"), "p00s00",
            List.of(List.of("p00s01"), List.of("p01s00"))),
        new LayerPlacement(1, List.of("p01s01", "p00s01", "p01s00"), "p01s01",
            List.of(List.of("p01s00", "p00s01"), List.of("p00s01"))));
    PlanInputs inputs = new PlanInputs(
        "walker-star:planes=2,sats=2,altitude-km=550.0,inclination-deg=87.0,phasing=1",
        new PlanInputs.ModelDims("custom", 2, 2, 1, 8, 16, 32),
        new PlanInputs.DeviceSpec("sbc-2a72", 7e9, 8L << 30),
        "fp16", 512, 100e9, 0.12, 0.95, 200, 42L, "uniform",
        List.of(new double[] {0.75, 0.25}, new double[] {0.1, 0.9}));
    return new PlacementPlan(PlacementPlan.SCHEMA_VERSION, 7, "spacemoe", "walker-star:2x2:550km:87deg:F1", layers,
        digests, inputs);
  }

  static Map<String, String> digests(boolean reversed) {
    Map<String, String> m = new LinkedHashMap<>();
    List<String> keys = List.of("layer0-expert0", "layer0-expert1", "layer1-expert0", "layer1-expert1");
    for (int i = 0; i < keys.size(); i++) {
      String k = keys.get(reversed ? keys.size() - 1 - i : i);
      m.put(k, Integer.toHexString(k.hashCode()).repeat(8));
    }
    return m;
  }

  @Test
  void writeThenReadGivesTheSamePlanAndTheSameBytes() throws IOException {
    PlacementPlan p = plan(digests(false));
    Path file = dir.resolve("sub/plan.json");
    PlanJson.write(p, file); // creates the parent directory
    PlacementPlan back = PlanJson.read(file);
    assertArrayEquals(Files.readAllBytes(file), PlanJson.toBytes(back));
    // field by field (record equality does not hold for the double[] rows, so compare those separately)
    assertEquals(p.schemaVersion(), back.schemaVersion());
    assertEquals(7, back.planVersion());
    assertEquals(p.strategy(), back.strategy());
    assertEquals(p.constellationId(), back.constellationId());
    assertEquals(p.layers(), back.layers());
    assertEquals(p.shardDigests(), back.shardDigests());
    assertEquals(p.inputs().model(), back.inputs().model());
    assertEquals(p.inputs().device(), back.inputs().device());
    assertEquals(p.inputs().constellationSpec(), back.inputs().constellationSpec());
    assertEquals(p.inputs().islRateBitsPerS(), back.inputs().islRateBitsPerS());
    assertEquals(p.inputs().seed(), back.inputs().seed());
    assertEquals(2, back.inputs().expertShares().size());
    for (int l = 0; l < 2; l++) {
      assertArrayEquals(p.inputs().expertShares().get(l), back.inputs().expertShares().get(l));
    }
  }

  @Test
  void outputIsDeterministicWithSortedMapKeys() {
    byte[] first = PlanJson.toBytes(plan(digests(false)));
    assertArrayEquals(first, PlanJson.toBytes(plan(digests(false))));
    // insertion order of the digest map must not matter
    assertArrayEquals(first, PlanJson.toBytes(plan(digests(true))));
    String text = new String(first, StandardCharsets.UTF_8);
    int a = text.indexOf("\"layer0-expert0\"");
    int b = text.indexOf("\"layer0-expert1\"");
    int c = text.indexOf("\"layer1-expert0\"");
    int d = text.indexOf("\"layer1-expert1\"");
    assertTrue(a >= 0 && a < b && b < c && c < d, text);
    assertTrue(text.contains("\n"), "indented");
  }

  private InvalidInputException readBad(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PlanJson.read(file));
    assertEquals(file.toString(), e.input());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    return e;
  }

  private static byte[] edited(java.util.function.Consumer<ObjectNode> edit) throws IOException {
    ObjectNode tree = (ObjectNode) PlanJson.mapper().readTree(PlanJson.toBytes(plan(digests(false))));
    edit.accept(tree);
    return PlanJson.mapper().writeValueAsBytes(tree);
  }

  @Test
  void notJson() throws IOException {
    InvalidInputException e = readBad("a.json", "this is not json".getBytes(StandardCharsets.UTF_8));
    assertTrue(e.getMessage().contains("not a valid placement plan"), e.getMessage());
    byte[] good = PlanJson.toBytes(plan(digests(false)));
    readBad("truncated.json", java.util.Arrays.copyOf(good, good.length / 2));
    readBad("empty.json", new byte[0]);
    readBad("null.json", "null".getBytes(StandardCharsets.UTF_8));
    readBad("array.json", "[1,2]".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void unknownFieldIsRejectedAndNamed() throws IOException {
    InvalidInputException e = readBad("extra.json", edited(t -> t.put("priority", 3)));
    assertTrue(e.getMessage().contains("priority"), e.getMessage());
    e = readBad("extra-nested.json", edited(t -> ((ObjectNode) t.get("inputs")).put("temperature", 0.7)));
    assertTrue(e.getMessage().contains("temperature"), e.getMessage());
  }

  @Test
  void wrongSchemaVersion() throws IOException {
    InvalidInputException e = readBad("v2.json", edited(t -> t.put("schemaVersion", 2)));
    assertTrue(e.getMessage().contains("schema version 2"), e.getMessage());
    readBad("v-missing.json", edited(t -> t.remove("schemaVersion")));
  }

  @Test
  void missingPartsAreRejected() throws IOException {
    readBad("no-layers.json", edited(t -> t.remove("layers")));
    readBad("no-inputs.json", edited(t -> t.remove("inputs")));
    InvalidInputException e = readBad("null-version.json", edited(t -> t.putNull("planVersion")));
    assertTrue(e.getMessage().contains("planVersion"), "names the field: " + e.getMessage());
    e = readBad("no-version.json", edited(t -> t.remove("planVersion")));
    assertTrue(e.getMessage().contains("planVersion"), "names the field: " + e.getMessage());
    e = readBad("bad-layer.json", edited(t -> ((ObjectNode) t.get("layers").get(1)).put("layer", "one")));
    assertTrue(e.getMessage().contains("layers[1].layer"), "names the field: " + e.getMessage());
  }

  @Test
  void missingRequiredFieldsAreNamedWithTheirPathAndOptionalOnesMayBeAbsent() throws IOException {
    InvalidInputException e = readBad("no-flops.json",
        edited(t -> ((ObjectNode) t.get("inputs").get("device")).remove("flops")));
    assertTrue(e.getMessage().contains("missing field 'flops' (at inputs.device.flops)"), e.getMessage());
    e = readBad("no-gateway.json", edited(t -> ((ObjectNode) t.get("layers").get(0)).remove("gateway")));
    assertTrue(e.getMessage().contains("missing field 'gateway' (at layers[0].gateway)"), e.getMessage());
    e = readBad("no-seed.json", edited(t -> ((ObjectNode) t.get("inputs")).remove("seed")));
    assertTrue(e.getMessage().contains("(at inputs.seed)"), e.getMessage());
    byte[] bare = edited(t -> {
      t.remove("linkCodecs");
      ((ObjectNode) t.get("inputs")).remove(java.util.List.of("fleet", "epochS"));
      ((ObjectNode) t.get("layers").get(0)).remove(java.util.List.of("combine", "standby"));
    });
    PlacementPlan p = PlanJson.parse("bare.json", bare);
    assertEquals(null, p.linkCodecs());
    assertEquals(CombinePoint.OWN, p.layers().get(0).combinePoint());
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("nowhere/plan.json");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PlanJson.read(missing));
    assertEquals(missing.toString(), e.input());
    assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
  }
}
