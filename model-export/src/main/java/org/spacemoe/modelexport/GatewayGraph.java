package org.spacemoe.modelexport;

import org.spacemoe.shared.model.onnx.InitScales;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.SeededWeights;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.WeightFormat;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;

/**
 * {@code layerLL.gateway.onnx}: single-token decode attention over the KV cache plus the new token, the second
 * norm and the router.
 *
 * <pre>
 * x1 = RMSNorm1(hidden);  q, k, v = x1 Wq, x1 Wk, x1 Wv
 * present_key = [past_key; k], present_value = [past_value; v]             (T+1, d)
 * per head: softmax(q_h K_h^T / sqrt(d/h)) V_h                            (no positional encoding, no mask)
 * attn_out = hidden + concat_h(...) Wo;  moe_in = RMSNorm2(attn_out);  router_logits = moe_in Wr + br
 * </pre>
 */
final class GatewayGraph {
  private GatewayGraph() {}

  static ModelProto build(MoeModelShape s, int layer, float[] routerBias, SeededWeights w, WeightFormat f) {
    String shard = ShardContract.gatewayName(layer);
    int d = s.hidden();
    int h = s.heads();
    int dh = s.headDim();
    OnnxGraphBuilder g = new OnnxGraphBuilder(shard, f);
    g.input(ShardContract.GATEWAY_HIDDEN, OnnxGraphBuilder.FLOAT, 1, d);
    g.input(ShardContract.GATEWAY_PAST_KEY, OnnxGraphBuilder.FLOAT, "past", d);
    g.input(ShardContract.GATEWAY_PAST_VALUE, OnnxGraphBuilder.FLOAT, "past", d);
    g.output(ShardContract.GATEWAY_ATTN_OUT, OnnxGraphBuilder.FLOAT, 1, d);
    g.output(ShardContract.GATEWAY_MOE_IN, OnnxGraphBuilder.FLOAT, 1, d);
    g.output(ShardContract.GATEWAY_ROUTER_LOGITS, OnnxGraphBuilder.FLOAT, 1, s.experts());
    g.output(ShardContract.GATEWAY_PRESENT_KEY, OnnxGraphBuilder.FLOAT, "present", d);
    g.output(ShardContract.GATEWAY_PRESENT_VALUE, OnnxGraphBuilder.FLOAT, "present", d);

    double proj = InitScales.fanIn(d);
    String norm1 = g.weight("norm1", w.gaussian(shard + ".norm1", 1, InitScales.NORM_JITTER), d);
    String wq = g.weight("wq", w.gaussian(shard + ".wq", 0, proj), d, d);
    String wk = g.weight("wk", w.gaussian(shard + ".wk", 0, proj), d, d);
    String wv = g.weight("wv", w.gaussian(shard + ".wv", 0, proj), d, d);
    String wo = g.weight("wo", w.gaussian(shard + ".wo", 0, proj * InitScales.residualBranch(s.layers())), d, d);
    String norm2 = g.weight("norm2", w.gaussian(shard + ".norm2", 1, InitScales.NORM_JITTER), d);
    String wr = g.weight("wr", w.gaussian(shard + ".wr", 0, proj * InitScales.ROUTER_NOISE_STD), d, s.experts());
    String br = g.weight("br", SeededWeights.of(routerBias), s.experts());
    String qShape = g.int64s("q_shape", h, 1, dh);
    String kvShape = g.int64s("kv_shape", -1, h, dh);
    String outShape = g.int64s("out_shape", 1, d);
    String scale = g.scalar("score_scale", (float) (1.0 / Math.sqrt(dh)));

    String x1 = g.rmsNorm("norm1", ShardContract.GATEWAY_HIDDEN, norm1);
    String ctxFlat = AttentionNodes.contextFlat(g, x1, wq, wk, wv, new AttentionNodes.Io(ShardContract.GATEWAY_PAST_KEY,
        ShardContract.GATEWAY_PAST_VALUE, ShardContract.GATEWAY_PRESENT_KEY, ShardContract.GATEWAY_PRESENT_VALUE, qShape, kvShape, outShape, scale));
    String o = g.node("MatMul", "attn_proj", List.of(ctxFlat, wo));
    String attnOut = g.node("Add", ShardContract.GATEWAY_ATTN_OUT, List.of(ShardContract.GATEWAY_HIDDEN, o));
    g.rmsNorm("norm2", attnOut, norm2, ShardContract.GATEWAY_MOE_IN);
    String r = g.node("MatMul", "router_raw", List.of(ShardContract.GATEWAY_MOE_IN, wr));
    g.node("Add", ShardContract.GATEWAY_ROUTER_LOGITS, List.of(r, br));
    return g.build("SpaceMoE " + s.name() + " layer " + layer + " gateway (attention, norm, router)");
  }
}
