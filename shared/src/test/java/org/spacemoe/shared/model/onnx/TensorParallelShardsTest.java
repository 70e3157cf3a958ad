package org.spacemoe.shared.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;

/** Tensor-parallel shard entries (attention part, combine, head slice) and the share formula. */
class TensorParallelShardsTest {
  private static final String SHA = "0".repeat(64);

  @Property
  void sharesCoverTheUnitsWithoutGapOrOverlapAndDifferByAtMostOne(@ForAll @IntRange(min = 0, max = 5000) int units,
      @ForAll @IntRange(min = 1, max = 8) int width) {
    assertEquals(0, ShardContract.shareStart(units, width, 0));
    assertEquals(units, ShardContract.shareEnd(units, width, width - 1));
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int p = 0; p < width; p++) {
      int size = ShardContract.shareEnd(units, width, p) - ShardContract.shareStart(units, width, p);
      assertEquals(ShardContract.shareStart(units, width, p + 1), ShardContract.shareEnd(units, width, p));
      assertTrue(size >= 0);
      min = Math.min(min, size);
      max = Math.max(max, size);
    }
    assertTrue(max - min <= 1, "sizes " + min + ".." + max);
  }

  @Test
  void shareStartIsFloorOfPartTimesUnitsOverWidth() {
    assertEquals(List.of(0, 1, 2, 4), starts(4, 3));
    assertEquals(List.of(0, 1, 3, 5), starts(5, 3));
    assertEquals(List.of(0, 16000, 32000), starts(32000, 2));
    assertThrows(IllegalArgumentException.class, () -> ShardContract.shareStart(4, 2, 3));
  }

  @Test
  void namesFollowTheContract() {
    assertEquals("layer03.attn-w2-p1", ShardContract.attentionPartName(3, 2, 1));
    assertEquals("layer12.combine", ShardContract.combineName(12));
    assertEquals("head-w4-p0", ShardContract.headSliceName(4, 0));
    assertEquals("attention_part", ShardKind.ATTENTION_PART.wireName());
    assertEquals("combine", ShardKind.COMBINE.wireName());
    assertEquals("head_slice", ShardKind.HEAD_SLICE.wireName());
  }

  @Test
  void entriesWithWidthAndPartRoundTripThroughTheManifestJson() throws IOException {
    byte[] golden;
    try (InputStream in = getClass().getResourceAsStream("tiny-fp16-manifest.json")) {
      golden = in.readAllBytes();
    }
    ModelManifest m = ModelManifest.parse("golden", golden);
    List<ShardEntry> shards = new ArrayList<>(m.shards());
    ShardEntry part = entry(ShardKind.ATTENTION_PART, "layer01.attn-w3-p2", 1, 3, 2);
    ShardEntry combine = entry(ShardKind.COMBINE, "layer01.combine", 1, null, null);
    ShardEntry slice = entry(ShardKind.HEAD_SLICE, "head-w2-p0", null, 2, 0);
    shards.addAll(List.of(part, combine, slice));
    ModelManifest withSplit = new ModelManifest(m.format(), m.version(), m.preset(), m.shape(), m.seed(), m.zipf(),
        m.weights(), m.opset(), m.irVersion(), m.routerBiasScale(), shards);
    byte[] json = withSplit.toJson();
    ModelManifest back = ModelManifest.parse("split", json);
    assertEquals(withSplit, back);
    assertEquals(part, back.attentionPart(1, 3, 2));
    assertEquals(combine, back.combine(1));
    assertEquals(slice, back.headSlice(2, 0));
    assertNull(back.attentionPart(0, 3, 2));
    assertNull(back.headSlice(3, 0));
    String text = new String(json, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"width\" : 3"), text);
    assertFalse(new String(golden, StandardCharsets.UTF_8).contains("width"));
  }

  @Test
  void entriesCheckWidthAndPart() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> entry(ShardKind.ATTENTION_PART, "layer01.attn-w3-p2", 1, 3, 1));
    assertEquals("name \"layer01.attn-w3-p2\" should be \"layer01.attn-w3-p1\" for kind attention_part, layer 1,"
        + " width 3, part 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> entry(ShardKind.HEAD_SLICE, "head-w2-p0", null, null, 0));
    assertEquals("width is missing (head_slice shards have one)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> entry(ShardKind.COMBINE, "layer01.combine", 1, 2, 0));
    assertEquals("width is not allowed for combine shards", e.getMessage());
    assertThrows(InvalidInputException.class, () -> entry(ShardKind.HEAD_SLICE, "head-w2-p2", null, 2, 2));
    assertThrows(InvalidInputException.class, () -> entry(ShardKind.HEAD_SLICE, "head-w5-p0", null, 5, 0));
  }

  private static ShardEntry entry(ShardKind kind, String name, Integer layer, Integer width, Integer part) {
    return new ShardEntry(name, name + ".onnx", kind, layer, null, width, part, SHA, 10, 1, 0,
        ShardContract.inputs(kind), ShardContract.outputs(kind), null);
  }

  private static List<Integer> starts(int units, int width) {
    List<Integer> out = new ArrayList<>();
    for (int p = 0; p <= width; p++) {
      out.add(ShardContract.shareStart(units, width, p));
    }
    return out;
  }
}
