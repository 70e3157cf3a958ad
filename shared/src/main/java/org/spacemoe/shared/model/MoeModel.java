package org.spacemoe.shared.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * A decoder-only MoE language model as the planner sees it. FLOPs count 2 per multiply-add.
 *
 * @param name preset name or {@code custom}
 * @param layers number of MoE decoder layers, >= 1
 * @param experts experts per layer, >= 1
 * @param topK experts activated per token and layer, in [1, experts]
 * @param hidden hidden size d
 * @param expertWidth FFN width of one SwiGLU expert
 * @param vocab vocabulary size
 */
public record MoeModel(String name, int layers, int experts, int topK, int hidden, int expertWidth, int vocab) {
  public MoeModel {
    Checks.positive("model layers", layers);
    Checks.positive("model experts", experts);
    Checks.positive("model top-k", topK);
    if (topK > experts) {
      throw new InvalidInputException("model top-k", "must be <= experts (" + experts + "), got " + topK);
    }
    Checks.positive("model hidden size", hidden);
    Checks.positive("model expert width", expertWidth);
    Checks.positive("model vocabulary", vocab);
  }

  /**
   * Gateway FLOPs per token at context length {@code contextTokens}: attention projections Q, K, V, O
   * ({@code 4 d^2} MACs), scores and weighted values ({@code 2 c d} MACs) and the router ({@code d E} MACs).
   */
  public double gatewayFlops(int contextTokens) {
    double d = hidden;
    return 2 * (4 * d * d + 2.0 * contextTokens * d + d * experts);
  }

  /**
   * The part of {@link #gatewayFlops} a tensor-parallel split shares by heads: Q, K, V, O projections and scores and
   * weighted values over the KV cache, {@code 2 (4 d^2 + 2 c d)} FLOPs (the gateway's without the router's).
   */
  public double attentionFlops(int contextTokens) {
    double d = hidden;
    return 2 * (4 * d * d + 2.0 * contextTokens * d);
  }

  /** The router's FLOPs per token, {@code 2 d E} (never split). */
  public double routerFlops() {
    return 2.0 * hidden * experts;
  }

  /** One SwiGLU expert per token: gate, up and down projections, {@code 3 d w} MACs. */
  public double expertFlops() {
    return 2 * 3.0 * hidden * expertWidth;
  }

  /** Final norm + LM head per token: {@code d V} MACs. */
  public double headFlops() {
    return 2.0 * hidden * vocab;
  }

  /** fp32 weight bytes of one expert. */
  public long expertWeightBytes() {
    return 4L * 3 * hidden * expertWidth;
  }

  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("layers", layers);
    m.put("experts", experts);
    m.put("topK", topK);
    m.put("hidden", hidden);
    m.put("expertWidth", expertWidth);
    m.put("vocab", vocab);
    return m;
  }
}
