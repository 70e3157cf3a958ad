package org.spacemoe.shared.plan;

import java.util.List;

/**
 * What a plan was computed from, so that it can be evaluated and audited on its own.
 *
 * @param constellationSpec spec string that rebuilds the constellation ({@code walker-star:...} or {@code tle:...})
 * @param model model dimensions
 * @param device device profile
 * @param codec hidden-state codec on ISLs
 * @param contextTokens context length for attention FLOPs
 * @param islRateBitsPerS ISL rate, bit/s
 * @param trackingLimitRadPerS ISL tracking limit, rad/s
 * @param linkSurvival per-link per-slot survival probability used for expected path latencies
 * @param slots time slots over one orbit
 * @param seed planning seed
 * @param statsSource where the activation statistics came from
 * @param expertShares per layer, per expert activation share (rows sum to 1)
 */
public record PlanInputs(
    String constellationSpec,
    ModelDims model,
    DeviceSpec device,
    String codec,
    int contextTokens,
    double islRateBitsPerS,
    double trackingLimitRadPerS,
    double linkSurvival,
    int slots,
    long seed,
    String statsSource,
    List<double[]> expertShares) {

  /** Model dimensions as stored in a plan. */
  public record ModelDims(String name, int layers, int experts, int topK, int hidden, int expertWidth, int vocab) {}

  /** Device as stored in a plan. */
  public record DeviceSpec(String name, double flops, long memoryBytes) {}
}
