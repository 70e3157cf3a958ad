package org.spacemoe.shared.model.onnx;

/**
 * Standard deviations of the seeded weights. Projections are {@code N(0, 1/fan_in)}, so a projection of a
 * unit-RMS vector has unit-RMS entries; embeddings are {@code N(0, 1)}; norm weights are {@code 1 + N(0, 0.02^2)}.
 * The residual branches (attention output and expert down projections) are further scaled by
 * {@code 1/sqrt(2 L)} for L layers (GPT-2's depth scaling). Without it the 32-layer bench model's residual stream
 * grows a large component shared by all tokens (attention without positional encoding averages the context
 * into every position, layer after layer): at layer 32 the mean of {@code moe_in} over tokens had RMS 0.84 (of 1),
 * the router logits got fixed per-expert offsets of about +-1 against a token-dependent spread of 0.5, expert
 * popularity stopped following the router bias (expert 0 was the most popular in 15 of 32 layers) and greedy
 * decoding fell into repeating one token. With it: shared-component RMS 0.14 at layer 32, hidden-state RMS 1.1 to
 * 1.3 through all layers, expert 0 the most popular in every layer, and popularity within 0.01 of the target.
 */
public final class InitScales {
  public static final double EMBED_STD = 1.0;
  public static final double NORM_JITTER = 0.02;
  /** Standard deviation of a router logit's token-dependent part ({@code moe_in} has unit RMS). */
  public static final double ROUTER_NOISE_STD = 1.0;

  private InitScales() {}

  /** Scale of the residual branches' output projections, {@code 1 / sqrt(2 layers)} (as GPT-2). */
  public static double residualBranch(int layers) {
    return 1.0 / Math.sqrt(2.0 * layers);
  }

  public static double fanIn(long fanIn) {
    return 1.0 / Math.sqrt(fanIn);
  }
}
