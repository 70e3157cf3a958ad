package org.spacemoe.hil.perf;

import java.util.Arrays;

/**
 * Order statistics of a set of latencies, in microseconds (nearest-rank percentiles).
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
    long[] s = Arrays.copyOf(nanos, count);
    Arrays.sort(s);
    double sum = 0;
    for (long v : s) {
      sum += v;
    }
    return new LatencyStats(count, sum / count / 1e3, s[0] / 1e3, rank(s, 0.50), rank(s, 0.90), rank(s, 0.99),
        s[count - 1] / 1e3);
  }

  private static double rank(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e3;
  }
}
