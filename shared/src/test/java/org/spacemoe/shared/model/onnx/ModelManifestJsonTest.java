package org.spacemoe.shared.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * The manifest bytes are hashed and signed: a manifest written by the exporter before the records were bound by
 * Jackson (tiny, seed 3, Zipf 1, fp16) must read and write back byte for byte.
 */
class ModelManifestJsonTest {
  private static final String SHA = "0".repeat(64);

  @Test
  void aManifestWrittenBeforeReadsAndWritesTheSameBytes() throws IOException {
    byte[] golden;
    try (InputStream in = getClass().getResourceAsStream("tiny-fp16-manifest.json")) {
      golden = in.readAllBytes();
    }
    ModelManifest m = ModelManifest.parse("tiny-fp16-manifest.json", golden);
    assertEquals(12, m.shards().size());
    assertEquals(WeightFormat.FP16, m.weights());
    assertEquals(1, m.expert(1, 2).layer());
    assertEquals(ShardKind.GATEWAY, m.gateway(0).kind());
    assertArrayEquals(golden, m.toJson());
  }

  @Test
  void recordsBuiltInCodeCheckTheirOwnValues() {
    List<String> x = ShardContract.inputs(ShardKind.EXPERT);
    List<String> y = ShardContract.outputs(ShardKind.EXPERT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ShardEntry("layer00.expert01", "layer00.expert01.onnx", ShardKind.EXPERT, 0, 2, SHA, 1, 0, 0, x, y));
    assertEquals("name \"layer00.expert01\" should be \"layer00.expert02\" for kind expert, layer 0, expert 2",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ShardEntry("head", "head.onnx", ShardKind.HEAD, 0, null, SHA, 1, 0, 0, x, y));
    assertEquals("layer is not allowed for head shards", e.getMessage());
    assertThrows(InvalidInputException.class, () -> new ShardReference.OutputSample(0, 0, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new ShardReference.OutputSample(2, 0, List.of(1.0)));
    assertThrows(InvalidInputException.class, () -> new ShardReference(1, 0, Map.of()));

    ShardEntry expert = new ShardEntry("layer01.expert03", "layer01.expert03.onnx", ShardKind.EXPERT, 1, 3, SHA, 1,
        0, 0, x, y);
    ModelManifest one = manifest(List.of(expert));
    assertEquals(expert, one.expert(1, 3));
    e = assertThrows(IllegalArgumentException.class, () -> manifest(List.of(expert, expert)));
    assertEquals("shards[1] repeats shard \"layer01.expert03\" of shards[0]", e.getMessage());
    ShardEntry outside = new ShardEntry("layer02.expert00", "layer02.expert00.onnx", ShardKind.EXPERT, 2, 0, SHA, 1,
        0, 0, x, y);
    e = assertThrows(IllegalArgumentException.class, () -> manifest(List.of(outside)));
    assertEquals("shards[0].layer 2 is outside [0, 1]", e.getMessage());
  }

  private static ModelManifest manifest(List<ShardEntry> shards) {
    return new ModelManifest(ModelManifest.FORMAT, ModelManifest.VERSION, "tiny", MoeModelShape.TINY, 1, 0,
        WeightFormat.FP32, ShardContract.OPSET, ShardContract.IR_VERSION, 1, shards);
  }
}
