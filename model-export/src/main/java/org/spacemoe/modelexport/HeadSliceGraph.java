package org.spacemoe.modelexport;

import org.spacemoe.shared.model.onnx.InitScales;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.SeededWeights;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.WeightFormat;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;

/**
 * {@code head-wK-pP.onnx}: {@code logits = RMSNorm(hidden) Wlm[:, v0..v1)} with the head's weights, for the
 * vocabulary share [v0, v1) = [shareStart(V, K, p), shareStart(V, K, p+1)); the slices' logits concatenated in
 * part order are the head's.
 */
final class HeadSliceGraph {
  private HeadSliceGraph() {}

  static ModelProto build(MoeModelShape s, int width, int part, SeededWeights w, WeightFormat f) {
    String shard = ShardContract.headSliceName(width, part);
    int d = s.hidden();
    int v0 = ShardContract.shareStart(s.vocab(), width, part);
    int v1 = ShardContract.shareEnd(s.vocab(), width, part);
    OnnxGraphBuilder g = new OnnxGraphBuilder(shard, f);
    g.input(ShardContract.HEAD_HIDDEN, OnnxGraphBuilder.FLOAT, 1, d);
    g.output(ShardContract.HEAD_LOGITS, OnnxGraphBuilder.FLOAT, 1, v1 - v0);
    String gamma = g.weight("norm", w.gaussian(ShardContract.HEAD + ".norm", 1, InitScales.NORM_JITTER), d);
    String lm = g.weight("lm", WeightSlices.columns(w.gaussian(ShardContract.HEAD + ".lm", 0, InitScales.fanIn(d)),
        d, s.vocab(), v0, v1), d, v1 - v0);
    String normed = g.rmsNorm("norm", ShardContract.HEAD_HIDDEN, gamma);
    g.node("MatMul", ShardContract.HEAD_LOGITS, List.of(normed, lm));
    return g.build("SpaceMoE " + s.name() + " final norm and LM head, vocabulary [" + v0 + ", " + v1 + ") (part "
        + part + " of " + width + ")");
  }
}
