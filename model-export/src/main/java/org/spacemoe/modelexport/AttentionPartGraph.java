package org.spacemoe.modelexport;

import org.spacemoe.shared.model.onnx.InitScales;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.SeededWeights;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.WeightFormat;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;

/**
 * {@code layerLL.attn-wK-pP.onnx}: share p of layer LL's attention split by heads K ways. With the share's heads
 * [h0, h1) = shareStart(h, K, p), shareStart(h, K, p+1) and dp = (h1 - h0) d/h:
 *
 * <pre>
 * x1 = RMSNorm1(hidden);  q, k, v = x1 Wq[:, c], x1 Wk[:, c], x1 Wv[:, c]        c = [h0 dh, h1 dh)
 * present_key = [past_key; k], present_value = [past_value; v]                  (T+1, dp)
 * per head of the share: softmax(q_h K_h^T / sqrt(dh)) V_h
 * attn_partial = concat_h(...) Wo[c, :]                                          (1, d)
 * </pre>
 * The weights are the gateway's (same tensor names and streams), sliced, so the shares' {@code attn_partial}
 * sum to the gateway's {@code attn_out - hidden} and their caches are the gateway's columns c.
 */
final class AttentionPartGraph {
  private AttentionPartGraph() {}

  static ModelProto build(MoeModelShape s, int layer, int width, int part, SeededWeights w, WeightFormat f) {
    String shard = ShardContract.attentionPartName(layer, width, part);
    String gw = ShardContract.gatewayName(layer);
    int d = s.hidden();
    int dh = s.headDim();
    int h0 = ShardContract.shareStart(s.heads(), width, part);
    int h1 = ShardContract.shareEnd(s.heads(), width, part);
    int hp = h1 - h0;
    int dp = hp * dh;
    int c0 = h0 * dh;
    int c1 = h1 * dh;
    OnnxGraphBuilder g = new OnnxGraphBuilder(shard, f);
    g.input(ShardContract.PART_HIDDEN, OnnxGraphBuilder.FLOAT, 1, d);
    g.input(ShardContract.PART_PAST_KEY, OnnxGraphBuilder.FLOAT, "past", dp);
    g.input(ShardContract.PART_PAST_VALUE, OnnxGraphBuilder.FLOAT, "past", dp);
    g.output(ShardContract.PART_ATTN_PARTIAL, OnnxGraphBuilder.FLOAT, 1, d);
    g.output(ShardContract.PART_PRESENT_KEY, OnnxGraphBuilder.FLOAT, "present", dp);
    g.output(ShardContract.PART_PRESENT_VALUE, OnnxGraphBuilder.FLOAT, "present", dp);

    double proj = InitScales.fanIn(d);
    String norm1 = g.weight("norm1", w.gaussian(gw + ".norm1", 1, InitScales.NORM_JITTER), d);
    String wq = g.weight("wq", WeightSlices.columns(w.gaussian(gw + ".wq", 0, proj), d, d, c0, c1), d, dp);
    String wk = g.weight("wk", WeightSlices.columns(w.gaussian(gw + ".wk", 0, proj), d, d, c0, c1), d, dp);
    String wv = g.weight("wv", WeightSlices.columns(w.gaussian(gw + ".wv", 0, proj), d, d, c0, c1), d, dp);
    String wo = g.weight("wo", WeightSlices.rows(w.gaussian(gw + ".wo", 0,
        proj * InitScales.residualBranch(s.layers())), d, d, c0, c1), dp, d);
    String qShape = g.int64s("q_shape", hp, 1, dh);
    String kvShape = g.int64s("kv_shape", -1, hp, dh);
    String outShape = g.int64s("out_shape", 1, dp);
    String scale = g.scalar("score_scale", (float) (1.0 / Math.sqrt(dh)));

    String x1 = g.rmsNorm("norm1", ShardContract.PART_HIDDEN, norm1);
    String ctxFlat = AttentionNodes.contextFlat(g, x1, wq, wk, wv, new AttentionNodes.Io(ShardContract.PART_PAST_KEY,
        ShardContract.PART_PAST_VALUE, ShardContract.PART_PRESENT_KEY, ShardContract.PART_PRESENT_VALUE, qShape, kvShape, outShape, scale));
    g.node("MatMul", ShardContract.PART_ATTN_PARTIAL, List.of(ctxFlat, wo));
    return g.build("SpaceMoE " + s.name() + " layer " + layer + " attention heads [" + h0 + ", " + h1 + ") of "
        + s.heads() + " (part " + part + " of " + width + ")");
  }
}
