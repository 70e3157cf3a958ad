package org.spacemoe.modelexport;

import org.spacemoe.shared.model.onnx.InitScales;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.SeededWeights;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.WeightFormat;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;

/**
 * {@code layerLL.combine.onnx}: the end of a split layer's gateway, with the gateway's own norm2, Wr and br:
 *
 * <pre>
 * attn_out = hidden + attn_delta;  moe_in = RMSNorm2(attn_out);  router_logits = moe_in Wr + br
 * </pre>
 */
final class CombineGraph {
  private CombineGraph() {}

  static ModelProto build(MoeModelShape s, int layer, float[] routerBias, SeededWeights w, WeightFormat f) {
    String shard = ShardContract.combineName(layer);
    String gw = ShardContract.gatewayName(layer);
    int d = s.hidden();
    OnnxGraphBuilder g = new OnnxGraphBuilder(shard, f);
    g.input(ShardContract.COMBINE_HIDDEN, OnnxGraphBuilder.FLOAT, 1, d);
    g.input(ShardContract.COMBINE_ATTN_DELTA, OnnxGraphBuilder.FLOAT, 1, d);
    g.output(ShardContract.GATEWAY_ATTN_OUT, OnnxGraphBuilder.FLOAT, 1, d);
    g.output(ShardContract.GATEWAY_MOE_IN, OnnxGraphBuilder.FLOAT, 1, d);
    g.output(ShardContract.GATEWAY_ROUTER_LOGITS, OnnxGraphBuilder.FLOAT, 1, s.experts());

    double proj = InitScales.fanIn(d);
    String norm2 = g.weight("norm2", w.gaussian(gw + ".norm2", 1, InitScales.NORM_JITTER), d);
    String wr = g.weight("wr", w.gaussian(gw + ".wr", 0, proj * InitScales.ROUTER_NOISE_STD), d, s.experts());
    String br = g.weight("br", SeededWeights.of(routerBias), s.experts());
    String attnOut = g.node("Add", ShardContract.GATEWAY_ATTN_OUT,
        List.of(ShardContract.COMBINE_HIDDEN, ShardContract.COMBINE_ATTN_DELTA));
    g.rmsNorm("norm2", attnOut, norm2, ShardContract.GATEWAY_MOE_IN);
    String r = g.node("MatMul", "router_raw", List.of(ShardContract.GATEWAY_MOE_IN, wr));
    g.node("Add", ShardContract.GATEWAY_ROUTER_LOGITS, List.of(r, br));
    return g.build("SpaceMoE " + s.name() + " layer " + layer + " combine (residual, norm, router)");
  }
}
