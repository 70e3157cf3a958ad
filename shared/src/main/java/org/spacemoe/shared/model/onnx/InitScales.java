package org.spacemoe.shared.model.onnx;

/**
 * Standard deviations of the seeded weights. Projections are {@code N(0, 1/fan_in)}, so a projection of a
 * unit-RMS vector has unit-RMS entries; embeddings are {@code N(0, 1)}; norm weights are {@code 1 + N(0, 0.02^2)}.
 * The residual branches (attention output and expert down projections) are scaled by
 * {@link #RESIDUAL_BRANCH} so the residual stream grows slowly over 32 layers. Tuned for numerical health only.
 */
final class InitScales {
  static final double EMBED_STD = 1.0;
  static final double NORM_JITTER = 0.02;
  static final double RESIDUAL_BRANCH = 1.0;
  /** Standard deviation of a router logit's token-dependent part ({@code moe_in} has unit RMS). */
  static final double ROUTER_NOISE_STD = 1.0;

  private InitScales() {}

  static double fanIn(long fanIn) {
    return 1.0 / Math.sqrt(fanIn);
  }
}
