package org.spacemoe.modelexport;

import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.WeightFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.input.InvalidInputException;

class ModelManifestTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static ModelManifest good;

  @BeforeAll
  static void export(@TempDir Path dir) throws Exception {
    good = MoeModelExporter.export(MoeModelShape.TINY, 3, 1, WeightFormat.FP16, dir);
  }

  @Test
  void theExportedManifestParses() {
    assertEquals(good, ModelManifest.parse("m.json", good.toJson()));
    assertEquals(WeightFormat.FP16, good.weights());
    assertEquals("tiny", good.preset());
  }

  @Test
  void missingFileAndBrokenJsonNameTheFile(@TempDir Path empty) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelManifest.read(empty));
    assertTrue(e.getMessage().contains("manifest.json") && e.getMessage().contains("no such file"), e.getMessage());
    e = assertThrows(InvalidInputException.class,
        () -> ModelManifest.parse("m.json", "{\"format\": ".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("m.json: not valid JSON"), e.getMessage());
    e = assertThrows(InvalidInputException.class,
        () -> ModelManifest.parse("m.json", "[1]".getBytes(StandardCharsets.UTF_8)));
    assertEquals("m.json: the manifest must be a JSON object", e.getMessage());
  }

  @Test
  void everyBadFieldGetsAOneLineMessageWithItsPath() {
    bad("format is \"onnx\", expected \"spacemoe-model\"", r -> r.put("format", "onnx"));
    bad("version 2 is not supported", r -> r.put("version", 2));
    bad("missing field 'seed' (at seed)", r -> r.remove("seed"));
    bad("String value (\"x\") to `long` value (at seed)", r -> r.put("seed", "x"));
    bad("zipf: must be a finite number >= 0, got -1.0", r -> r.put("zipf", -1));
    bad("from String \"int4\": not one of the values accepted for Enum class: [", r -> r.put("weights", "int4"));
    bad("] (at weights)", r -> r.put("weights", "int4"));
    bad("unknown field 'colour' (at colour)", r -> r.put("colour", "blue"));
    bad("preset \"bench\" differs from shape.name \"tiny\"", r -> r.put("preset", "bench"));
    bad("model heads: hidden size 32 is not a multiple of 5 heads (at shape)",
        r -> ((ObjectNode) r.get("shape")).put("heads", 5));
    bad("missing field 'vocab' (at shape.vocab)", r -> ((ObjectNode) r.get("shape")).remove("vocab"));
    bad("shards must not be empty", r -> r.putArray("shards"));
    bad("missing field 'sha256' (at shards[1].sha256)", r -> shard(r, 1).remove("sha256"));
    bad("Invalid `null` value encountered for property \"sha256\" (at shards[1].sha256)",
        r -> shard(r, 1).putNull("sha256"));
    bad("sha256 must be 64 lower-case hex digits, got \"ABC\" (at shards[1])", r -> shard(r, 1).put("sha256", "ABC"));
    bad("from String \"router\": not one of the values accepted for Enum class: [",
        r -> shard(r, 2).put("kind", "router"));
    bad("] (at shards[2].kind)", r -> shard(r, 2).put("kind", "router"));
    bad("name \"layer00.expert00\" should be \"layer09.expert00\" for kind expert, layer 9, expert 0 (at shards[2])",
        r -> shard(r, 2).put("layer", 9));
    bad("shards[2].layer 9 is outside [0, 1]", r -> renamed(shard(r, 2), 9, 0));
    bad("shards[2].expert 4 is outside [0, 3]", r -> renamed(shard(r, 2), 0, 4));
    bad("expert is missing (expert shards have one) (at shards[2])", r -> shard(r, 2).remove("expert"));
    bad("layer is not allowed for embed shards (at shards[0])", r -> shard(r, 0).put("layer", 0));
    bad("file \"../x.onnx\" should be \"layer00.expert00.onnx\" (at shards[2])",
        r -> shard(r, 2).put("file", "../x.onnx"));
    bad("name \"layer00.expert07\" should be \"layer00.expert00\"", r -> shard(r, 2).put("name", "layer00.expert07"));
    bad("bytes must be > 0, got 0 (at shards[3])", r -> shard(r, 3).put("bytes", 0));
    bad("inputs/outputs [x, z] -> [y] differ from the expert contract [x] -> [y] (at shards[3])",
        r -> ((ArrayNode) shard(r, 3).get("inputs")).add("z"));
    bad("Invalid `null` value encountered for property \"inputs\" (at shards[3].inputs[1])",
        r -> ((ArrayNode) shard(r, 3).get("inputs")).addNull());
    bad("Invalid `null` value encountered for property \"shards\" (at shards[4])",
        r -> ((ArrayNode) r.get("shards")).set(4, JSON.nullNode()));
    bad("shards are missing 1 of the model's shards, first [head]",
        r -> ((ArrayNode) r.get("shards")).remove(r.get("shards").size() - 1));
    bad("shards[3] repeats shard \"layer00.expert00\" of shards[2]",
        r -> ((ArrayNode) r.get("shards")).set(3, shard(r, 2).deepCopy()));
    bad("tolerance: must be a positive finite number, got 0.0 (at shards[3].reference)",
        r -> reference(r, 3).put("tolerance", 0));
    bad("Cannot coerce Floating-point value (1.5) to `long` value", r -> reference(r, 3).put("seed", 1.5));
    bad("(at shards[3].reference.seed)", r -> reference(r, 3).put("seed", 1.5));
    bad("reference.outputs has [z], expert shards have [y] (at shards[3])",
        r -> reference(r, 3).putObject("outputs").set("z", reference(r, 2).get("outputs").get("y")));
    bad("sample has 7 values, expected 8 for count 32 (at shards[3].reference.outputs.y)",
        r -> sample(r, 3).remove(0));
    bad("sample must hold finite numbers, got [NaN, ", r -> sample(r, 3).set(0, "NaN"));
    bad("Invalid `null` value encountered for property \"sample\" (at shards[3].reference.outputs.y.sample[0])",
        r -> sample(r, 3).setNull(0));
    bad("count: must be a positive integer, got 0 (at shards[3].reference.outputs.y)",
        r -> ((ObjectNode) reference(r, 3).get("outputs").get("y")).put("count", 0));
    bad("missing field 'meanAbs' (at shards[3].reference.outputs.y.meanAbs)",
        r -> ((ObjectNode) reference(r, 3).get("outputs").get("y")).remove("meanAbs"));
    bad("unknown field 'digest' (at shards[3].reference.digest)", r -> reference(r, 3).put("digest", "x"));
  }

  @Test
  void duplicateKeysAndTrailingDataAreRefused() {
    String json = new String(good.toJson(), StandardCharsets.UTF_8);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelManifest.parse("m.json",
        json.replaceFirst("\"seed\" : 3,", "\"seed\" : 3, \"seed\" : 4,").getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("m.json: not valid JSON: Duplicate field 'seed'"), e.getMessage());
    e = assertThrows(InvalidInputException.class,
        () -> ModelManifest.parse("m.json", (json + "{}").getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("m.json: not valid JSON: "), e.getMessage());
  }

  @Test
  void aManifestWithoutReferencesStillParses() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(good.toJson());
    for (int i = 0; i < root.get("shards").size(); i++) {
      shard(root, i).remove("reference");
    }
    ModelManifest m = ModelManifest.parse("m.json", root.toString().getBytes(StandardCharsets.UTF_8));
    assertTrue(m.shards().stream().allMatch(s -> s.reference() == null));
    assertEquals(good.shards().size(), m.shards().size());
  }

  @Test
  void aNullLayerOrExpertIsTheSameAsNone() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(good.toJson());
    shard(root, 0).putNull("layer").putNull("expert").putNull("reference");
    ModelManifest m = ModelManifest.parse("m.json", root.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(null, m.embed().layer());
    assertEquals(null, m.embed().reference());
  }

  private static void renamed(ObjectNode shard, int layer, int expert) {
    String name = ShardContract.expertName(layer, expert);
    shard.put("layer", layer).put("expert", expert).put("name", name).put("file", ShardContract.fileName(name));
  }

  private static ArrayNode sample(ObjectNode root, int i) {
    return (ArrayNode) reference(root, i).get("outputs").get("y").get("sample");
  }

  private static ObjectNode reference(ObjectNode root, int i) {
    return (ObjectNode) shard(root, i).get("reference");
  }

  private static ObjectNode shard(ObjectNode root, int i) {
    return (ObjectNode) root.get("shards").get(i);
  }

  private static void bad(String expected, Consumer<ObjectNode> edit) {
    ObjectNode root;
    try {
      root = (ObjectNode) JSON.readTree(good.toJson());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    edit.accept(root);
    byte[] bytes = root.toString().getBytes(StandardCharsets.UTF_8);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelManifest.parse("m.json", bytes));
    assertTrue(e.getMessage().startsWith("m.json: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    assertEquals("m.json", e.input());
    assertTrue(!e.getMessage().contains("\n"), "one line");
  }
}
