package org.spacemoe.modelexport;

import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.MoeModelShape;
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
  void everyBadFieldGetsAOneLineMessage() {
    bad("format is \"onnx\"", r -> r.put("format", "onnx"));
    bad("version 2 is not supported", r -> r.put("version", 2));
    bad("seed is missing", r -> r.remove("seed"));
    bad("seed must be an integer", r -> r.put("seed", "x"));
    bad("zipf must be finite and >= 0", r -> r.put("zipf", -1));
    bad("weights is \"int4\"", r -> r.put("weights", "int4"));
    bad("colour is not a manifest field", r -> r.put("colour", "blue"));
    bad("preset \"bench\" differs from shape.name", r -> r.put("preset", "bench"));
    bad("shape: model heads: hidden size 32 is not a multiple of 5 heads",
        r -> ((ObjectNode) r.get("shape")).put("heads", 5));
    bad("shape.vocab is missing", r -> ((ObjectNode) r.get("shape")).remove("vocab"));
    bad("shards must be a non-empty array", r -> r.putArray("shards"));
    bad("shards[1].sha256 is missing", r -> shard(r, 1).remove("sha256"));
    bad("shards[1].sha256 must be 64 lower-case hex digits", r -> shard(r, 1).put("sha256", "ABC"));
    bad("shards[2].kind is \"router\"", r -> shard(r, 2).put("kind", "router"));
    bad("shards[2].layer 9 is outside [0, 1]", r -> shard(r, 2).put("layer", 9));
    bad("shards[2].expert is missing", r -> shard(r, 2).remove("expert"));
    bad("shards[0].layer is not allowed for a embed shard", r -> shard(r, 0).put("layer", 0));
    bad("shards[2].file \"../x.onnx\" should be \"layer00.expert00.onnx\"",
        r -> shard(r, 2).put("file", "../x.onnx"));
    bad("shards[2].name \"layer00.expert07\" should be \"layer00.expert00\"",
        r -> shard(r, 2).put("name", "layer00.expert07"));
    bad("shards[3].bytes must be > 0", r -> shard(r, 3).put("bytes", 0));
    bad("shards[3].inputs/outputs [x, z] -> [y] differ from the expert contract",
        r -> ((ArrayNode) shard(r, 3).get("inputs")).add("z"));
    bad("shards are missing 1 of the model's shards, first [head]",
        r -> ((ArrayNode) r.get("shards")).remove(r.get("shards").size() - 1));
    bad("shards[3] repeats shard \"layer00.expert00\" of shards[2]",
        r -> ((ArrayNode) r.get("shards")).set(3, shard(r, 2).deepCopy()));
    bad("shards[3].reference.tolerance must be finite and > 0", r -> reference(r, 3).put("tolerance", 0));
    bad("shards[3].reference.seed must be an integer", r -> reference(r, 3).put("seed", 1.5));
    bad("shards[3].reference.outputs has [z], a expert shard has [y]",
        r -> reference(r, 3).putObject("outputs").set("z", reference(r, 2).get("outputs").get("y")));
    bad("shards[3].reference.outputs.y.sample must be an array of 8 numbers",
        r -> ((ArrayNode) reference(r, 3).get("outputs").get("y").get("sample")).remove(0));
    bad("shards[3].reference.outputs.y.count must be >= 1",
        r -> ((ObjectNode) reference(r, 3).get("outputs").get("y")).put("count", 0));
    bad("shards[3].reference.outputs.y.meanAbs is missing",
        r -> ((ObjectNode) reference(r, 3).get("outputs").get("y")).remove("meanAbs"));
    bad("shards[3].reference.digest is not a manifest field", r -> reference(r, 3).put("digest", "x"));
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
