package org.spacemoe.modelexport;

import org.spacemoe.shared.model.onnx.InitScales;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.SeededWeights;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.WeightFormat;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;

/** {@code layerLL.expertEE.onnx}: SwiGLU, {@code y = (silu(x W1) * (x W3)) W2}. */
final class ExpertGraph {
  private ExpertGraph() {}

  static ModelProto build(MoeModelShape s, int layer, int expert, SeededWeights w, WeightFormat f) {
    String shard = ShardContract.expertName(layer, expert);
    int d = s.hidden();
    int width = s.expertWidth();
    OnnxGraphBuilder g = new OnnxGraphBuilder(shard, f);
    g.input(ShardContract.EXPERT_X, OnnxGraphBuilder.FLOAT, 1, d);
    g.output(ShardContract.EXPERT_Y, OnnxGraphBuilder.FLOAT, 1, d);
    String x = ShardContract.EXPERT_X;
    String w1 = g.weight("w1", w.gaussian(shard + ".w1", 0, InitScales.fanIn(d)), d, width);
    String w3 = g.weight("w3", w.gaussian(shard + ".w3", 0, InitScales.fanIn(d)), d, width);
    String w2 = g.weight("w2", w.gaussian(shard + ".w2", 0, InitScales.fanIn(width) * InitScales.residualBranch(s.layers())),
        width, d);
    String gate = g.node("MatMul", "gate", List.of(x, w1));
    String sig = g.node("Sigmoid", "gate_sigmoid", List.of(gate));
    String silu = g.node("Mul", "gate_silu", List.of(gate, sig));
    String up = g.node("MatMul", "up", List.of(x, w3));
    String act = g.node("Mul", "act", List.of(silu, up));
    g.node("MatMul", ShardContract.EXPERT_Y, List.of(act, w2));
    return g.build("SpaceMoE " + s.name() + " layer " + layer + " expert " + expert + " (SwiGLU)");
  }
}
