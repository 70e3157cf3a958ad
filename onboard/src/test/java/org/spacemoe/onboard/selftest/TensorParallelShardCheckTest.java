package org.spacemoe.onboard.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.modelexport.MoeModelExporter;
import org.spacemoe.onboard.planstore.NodeShards;
import org.spacemoe.onboard.shard.ShardLoader;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.model.onnx.ShardKind;
import org.spacemoe.shared.model.onnx.WeightFormat;

/** The selftest runs the tensor-parallel shards on their probes and checks them against the manifest's reference. */
class TensorParallelShardCheckTest {
  @Test
  void everySplitShardPassesItsReference(@TempDir Path dir) throws Exception {
    MoeModelShape odd = new MoeModelShape("odd", 1, 2, 1, 30, 16, 37, 5);
    for (WeightFormat f : WeightFormat.values()) {
      Path out = dir.resolve(f.wireName());
      ModelManifest m = MoeModelExporter.export(odd, 4, 1.0, f, out, Set.of(2, 3, 4), (s, i, n) -> { });
      ShardCheck check = new ShardCheck(new ShardLoader(out, m));
      int split = 0;
      for (ShardEntry e : m.shards()) {
        ShardResult r = check.run(e);
        assertTrue(r.passed(), r.toString());
        assertEquals(e.kind().wireName(), r.kind());
        if (e.kind() == ShardKind.ATTENTION_PART || e.kind() == ShardKind.COMBINE
            || e.kind() == ShardKind.HEAD_SLICE) {
          split++;
        }
      }
      assertEquals(9 + 1 + 9, split);
    }
  }

  @Test
  void fp32SizesOfSplitShardsAreTheirShares() throws Exception {
    MoeModelShape s = MoeModelShape.TINY;
    long d = s.hidden();
    ShardEntry part = entry(ShardKind.ATTENTION_PART, "layer00.attn-w3-p2", 0, 3, 2);
    assertEquals(4 * (d + 4 * d * 2 * s.headDim()), NodeShards.fp32Bytes(part, s), "heads [2, 4)");
    ShardEntry slice = entry(ShardKind.HEAD_SLICE, "head-w3-p0", null, 3, 0);
    assertEquals(4 * (d + d * 21), NodeShards.fp32Bytes(slice, s), "vocabulary [0, 21)");
  }

  private static ShardEntry entry(ShardKind kind, String name, Integer layer, Integer width, Integer part) {
    return new ShardEntry(name, name + ".onnx", kind, layer, null, width, part, "0".repeat(64), 1, 0, 0,
        org.spacemoe.shared.model.onnx.ShardContract.inputs(kind),
        org.spacemoe.shared.model.onnx.ShardContract.outputs(kind), null);
  }
}
