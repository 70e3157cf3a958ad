package org.spacemoe.onboard.selftest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.onboard.shard.ShardLoader;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.modelexport.MoeModelExporter;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.model.onnx.WeightFormat;

/**
 * The tolerance at the real size: one expert of the paper's model (d = 4096, w = 1376, 67.6 MB) run by ONNX Runtime
 * stays well within its reference tolerance, fp32 and fp16 weights alike. (A full paper export is 27 GB; one
 * expert is the same bytes as in it.)
 */
class PaperExpertReferenceTest {
  @Test
  void aPaperSizeExpertMatchesItsReference(@TempDir Path dir) throws Exception {
    for (WeightFormat f : WeightFormat.values()) {
      Path out = dir.resolve(f.wireName());
      ShardEntry e = MoeModelExporter.exportExpert(MoeModelShape.PAPER, 3, 5, 1, f, out);
      ModelManifest m = new ModelManifest(ModelManifest.FORMAT, ModelManifest.VERSION, "paper", MoeModelShape.PAPER, 1,
          1.0, f, ShardContract.OPSET, ShardContract.IR_VERSION, 1.0, List.of(e));
      ShardResult r = new ShardCheck(new ShardLoader(out, m)).run(e);
      System.out.printf("paper expert (%s): max abs diff %.3e, tolerance %.3e, run %.2f ms%n", f.wireName(),
          r.maxAbsDiff(), r.tolerance(), r.runMs());
      assertTrue(r.passed(), r.toString());
      assertTrue(r.maxAbsDiff() < r.tolerance() / 20, "a wide margin at the real size: " + r);
    }
  }
}
