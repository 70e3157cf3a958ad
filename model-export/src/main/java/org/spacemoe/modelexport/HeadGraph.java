package org.spacemoe.modelexport;

import org.spacemoe.shared.model.onnx.InitScales;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.SeededWeights;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.WeightFormat;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;

/** {@code head.onnx}: {@code logits = RMSNorm(hidden) Wlm}. */
final class HeadGraph {
  private HeadGraph() {}

  static ModelProto build(MoeModelShape s, SeededWeights w, WeightFormat f) {
    String shard = ShardContract.HEAD;
    int d = s.hidden();
    OnnxGraphBuilder g = new OnnxGraphBuilder(shard, f);
    g.input(ShardContract.HEAD_HIDDEN, OnnxGraphBuilder.FLOAT, 1, d);
    g.output(ShardContract.HEAD_LOGITS, OnnxGraphBuilder.FLOAT, 1, s.vocab());
    String gamma = g.weight("norm", w.gaussian(shard + ".norm", 1, InitScales.NORM_JITTER), d);
    String lm = g.weight("lm", w.gaussian(shard + ".lm", 0, InitScales.fanIn(d)), d, s.vocab());
    String normed = g.rmsNorm("norm", ShardContract.HEAD_HIDDEN, gamma);
    g.node("MatMul", ShardContract.HEAD_LOGITS, List.of(normed, lm));
    return g.build("SpaceMoE " + s.name() + " final norm and LM head");
  }
}
