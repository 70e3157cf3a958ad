package org.spacemoe.ground.placement.capacity;

import org.spacemoe.shared.model.MoeModel;

/**
 * Memory each role needs on its satellite, bytes, with fp32 weights (the model preset's
 * {@link MoeModel#expertWeightBytes()}): an expert holds its SwiGLU weights {@code 3 d w}; a gateway its attention
 * projections and router {@code 4 d^2 + d E} plus the KV cache of one sequence at the context length
 * {@code 2 c d}; the first gateway also the embedding and the last the LM head ({@code V d} each).
 */
public record ShardBytes(long expert, long gateway, long embed, long head) {
  private static final long FP32 = 4;

  public static ShardBytes of(MoeModel m, int contextTokens) {
    long d = m.hidden();
    long gateway = FP32 * (4 * d * d + d * m.experts() + 2L * contextTokens * d);
    return new ShardBytes(m.expertWeightBytes(), gateway, FP32 * m.vocab() * d, FP32 * m.vocab() * d);
  }

  /**
   * Bytes of one part of a gateway split {@code width} ways (lead included): its share of the attention weights and
   * KV cache, rounded up; the router's {@code d E} weights are counted in the share too (an over-estimate by
   * {@code E / 4d} of a share).
   */
  public long attentionPart(int width) {
    return (gateway + width - 1) / width;
  }

  /** Bytes of one vocabulary slice of the LM head split {@code width} ways, rounded up. */
  public long headPart(int width) {
    return (head + width - 1) / width;
  }

  /** Bytes of layer {@code layer}'s gateway role, with the embedding (layer 0) and head (last layer). */
  public long gatewayOfLayer(int layer, int layers) {
    return gateway + (layer == 0 ? embed : 0) + (layer == layers - 1 ? head : 0);
  }
}
