package org.spacemoe.ground.reproduce;

import java.util.List;

/**
 * Sizes and sweep points of the paper reproduction.
 *
 * @param slots time slots over one orbit (planning and evaluation)
 * @param samples token samples per configuration and strategy
 * @param randomPlans random draws of each random baseline, pooled
 * @param altitudesKm altitude sweep, km
 * @param sizes constellation-size sweep, {planes, satellites per plane}
 * @param linkSurvivals link-survival sweep
 * @param trackingLimitsRadPerS tracking-limit sweep, rad/s
 */
public record ReproduceSettings(
    int slots,
    int samples,
    int randomPlans,
    List<Double> altitudesKm,
    List<int[]> sizes,
    List<Double> linkSurvivals,
    List<Double> trackingLimitsRadPerS) {

  public static ReproduceSettings full() {
    return new ReproduceSettings(200, 4000, 5,
        List.of(400.0, 550.0, 800.0, 1100.0, 1500.0),
        List.of(new int[] {24, 24}, new int[] {33, 32}, new int[] {40, 40}, new int[] {50, 50}, new int[] {64, 64}),
        List.of(0.8, 0.9, 0.95, 0.99, 1.0),
        List.of(0.002, 0.005, 0.01, 0.02, 0.05, 0.12));
  }

  public static ReproduceSettings quick() {
    return new ReproduceSettings(40, 800, 3,
        List.of(400.0, 550.0, 1100.0),
        List.of(new int[] {24, 24}, new int[] {33, 32}, new int[] {48, 48}),
        List.of(0.85, 0.95, 1.0),
        List.of(0.005, 0.02, 0.12));
  }
}
