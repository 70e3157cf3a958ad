package org.spacemoe.ground.charts;

/**
 * One strategy's per-token latency summary.
 *
 * @param strategy strategy name shown under its bars
 * @param meanS mean per-token latency, s, finite and >= 0
 * @param p95S 95th percentile per-token latency, s, finite and >= 0
 */
public record StrategyBar(String strategy, double meanS, double p95S) {
  public StrategyBar {
    if (strategy == null || strategy.isBlank()) {
      throw new IllegalArgumentException("strategy name is missing");
    }
    if (!(meanS >= 0 && Double.isFinite(meanS) && p95S >= 0 && Double.isFinite(p95S))) {
      throw new IllegalArgumentException(
          "latencies of " + strategy + " must be finite and >= 0, got mean " + meanS + " s, p95 " + p95S + " s");
    }
  }
}
