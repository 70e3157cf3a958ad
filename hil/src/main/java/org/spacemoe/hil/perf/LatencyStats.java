package org.spacemoe.hil.perf;

import org.hipparchus.stat.descriptive.rank.Percentile;
import org.hipparchus.stat.descriptive.rank.Percentile.EstimationType;

/**
 * Order statistics of a set of latencies, in microseconds. Percentiles are nearest-rank: the {@code p}-th is the
 * {@code ceil(p/100 * count)}-th smallest sample.
 *
 * @param count samples
 * @param meanUs mean
 * @param minUs smallest
 * @param p50Us median
 * @param p90Us 90th percentile
 * @param p99Us 99th percentile
 * @param maxUs largest
 */
public record LatencyStats(int count, double meanUs, double minUs, double p50Us, double p90Us, double p99Us,
    double maxUs) {

  /** Statistics of {@code nanos[0 .. count)}; NaN everywhere when there is no sample. */
  public static LatencyStats ofNanos(long[] nanos, int count) {
    if (count == 0) {
      return new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] us = new double[count];
    double sumNs = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      sumNs += nanos[i];
      us[i] = nanos[i] / 1e3;
      min = Math.min(min, us[i]);
      max = Math.max(max, us[i]);
    }
    Percentile rank = new Percentile().withEstimationType(EstimationType.R_1);
    rank.setData(us);
    return new LatencyStats(count, sumNs / count / 1e3, min, rank.evaluate(50), rank.evaluate(90), rank.evaluate(99),
        max);
  }
}
