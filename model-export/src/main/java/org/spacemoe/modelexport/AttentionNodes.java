package org.spacemoe.modelexport;

import java.util.List;

/**
 * The node chain of single-token decode attention that the gateway and each attention share build alike: Q, K, V
 * from the normed input, the KV cache grown by this token, per-head softmax attention, and the heads' context
 * concatenated to one row. Node names are the same in both graphs, so the gateway's bytes do not depend on who
 * builds it.
 */
final class AttentionNodes {
  /**
   * The graph's cache tensors and the shape constants the chain uses (built by the caller, in its initializer order).
   *
   * @param qShape {@code (heads, 1, headDim)}
   * @param kvShape {@code (-1, heads, headDim)}
   * @param outShape {@code (1, heads * headDim)}
   * @param scale {@code 1 / sqrt(headDim)}
   */
  record Io(String pastKey, String pastValue, String presentKey, String presentValue, String qShape, String kvShape,
      String outShape, String scale) {}

  private AttentionNodes() {}

  /** Adds the chain from {@code x1} (normed input) and returns the name of the flat context row. */
  static String contextFlat(OnnxGraphBuilder g, String x1, String wq, String wk, String wv, Io io) {
    String q = g.node("MatMul", "q", List.of(x1, wq));
    String k = g.node("MatMul", "k", List.of(x1, wk));
    String v = g.node("MatMul", "v", List.of(x1, wv));
    String presentK = g.node("Concat", io.presentKey(), List.of(io.pastKey(), k), OnnxGraphBuilder.intAttr("axis", 0));
    String presentV = g.node("Concat", io.presentValue(), List.of(io.pastValue(), v),
        OnnxGraphBuilder.intAttr("axis", 0));
    String qh = g.node("Reshape", "q_heads", List.of(q, io.qShape()));
    String kh = g.node("Reshape", "k_heads", List.of(presentK, io.kvShape()));
    String khT = g.node("Transpose", "k_heads_t", List.of(kh), OnnxGraphBuilder.intsAttr("perm", 1, 2, 0));
    String vh = g.node("Reshape", "v_heads", List.of(presentV, io.kvShape()));
    String vhT = g.node("Transpose", "v_heads_t", List.of(vh), OnnxGraphBuilder.intsAttr("perm", 1, 0, 2));
    String scores = g.node("MatMul", "scores", List.of(qh, khT));
    String scaled = g.node("Mul", "scores_scaled", List.of(scores, io.scale()));
    String probs = g.node("Softmax", "probs", List.of(scaled), OnnxGraphBuilder.intAttr("axis", -1));
    String ctx = g.node("MatMul", "context", List.of(probs, vhT));
    return g.node("Reshape", "context_flat", List.of(ctx, io.outShape()));
  }
}
