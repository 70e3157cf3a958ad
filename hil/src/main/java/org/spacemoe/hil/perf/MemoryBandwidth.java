package org.spacemoe.hil.perf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hipparchus.stat.descriptive.rank.Median;

/**
 * STREAM-like memory bandwidth in plain Java over arrays far beyond the caches, with 1 and more threads: a read
 * kernel (sum of a {@code long[]}, four accumulators; the access pattern of a matrix-vector product's weights) and
 * the STREAM triad {@code a[i] = b[i] + q * c[i]} over {@code double[]} (24 bytes counted per element, as STREAM
 * does: the write-allocate traffic is not counted). Each kernel runs a number of times; the best pass counts, as
 * in STREAM.
 */
public final class MemoryBandwidth {
  /**
   * Best bandwidth of one kernel at one thread count.
   *
   * @param bytesPerPass bytes counted per pass, STREAM-style (triad: 24 per element)
   * @param bestGBps counted bytes / time of the fastest pass
   * @param medianGBps median over the passes (of an even number: the mean of the two middle ones)
   * @param trafficGBps what the fastest pass moved to and from memory: the triad's stores first read their line
   *     (write-allocate; the JIT does not emit streaming stores), 32 bytes per element; the read kernel as counted
   */
  public record Measure(String kernel, int threads, long bytesPerPass, int passes, double bestGBps,
      double medianGBps, double trafficGBps) {}

  public static final String READ = "read (sum long[])";
  public static final String TRIAD = "triad (double[])";

  private MemoryBandwidth() {}

  /**
   * @param mib working set of each kernel, MiB (the read array; the three triad arrays together)
   * @param passes passes per kernel and thread count
   */
  public static List<Measure> measure(long mib, int passes, int[] threadCounts) throws Exception {
    List<Measure> out = new ArrayList<>();
    long bytes = mib << 20;
    int maxThreads = Arrays.stream(threadCounts).max().orElse(1);
    ExecutorService pool = Executors.newFixedThreadPool(maxThreads, r -> {
      Thread t = new Thread(r, "spacemoe-membw");
      t.setDaemon(true);
      return t;
    });
    try {
      out.addAll(read(pool, bytes, passes, threadCounts));
      out.addAll(triad(pool, bytes, passes, threadCounts));
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Measure> read(ExecutorService pool, long bytes, int passes, int[] threadCounts)
      throws Exception {
    List<Measure> out = new ArrayList<>();
    long[] data = new long[checkedLength(bytes / 8)];
    Arrays.parallelSetAll(data, i -> i);
    for (int t : threadCounts) {
      double[] gbps = new double[passes];
      for (int p = 0; p < passes; p++) {
        long t0 = System.nanoTime();
        run(pool, t, data.length, (from, to) -> sum(data, from, to));
        gbps[p] = data.length * 8.0 / (System.nanoTime() - t0);
      }
      out.add(measure(READ, t, data.length * 8L, gbps, 1));
    }
    return out;
  }

  private static List<Measure> triad(ExecutorService pool, long bytes, int passes, int[] threadCounts)
      throws Exception {
    List<Measure> out = new ArrayList<>();
    int n = checkedLength(bytes / 24);
    double[] a = new double[n];
    double[] b = new double[n];
    double[] c = new double[n];
    Arrays.parallelSetAll(a, i -> 0.0);
    Arrays.parallelSetAll(b, i -> 1.0);
    Arrays.parallelSetAll(c, i -> 2.0);
    for (int t : threadCounts) {
      double[] gbps = new double[passes];
      for (int p = 0; p < passes; p++) {
        long t0 = System.nanoTime();
        run(pool, t, n, (from, to) -> {
          triad(a, b, c, 3.0, from, to);
          return 0;
        });
        gbps[p] = n * 24.0 / (System.nanoTime() - t0);
      }
      out.add(measure(TRIAD, t, n * 24L, gbps, 32.0 / 24));
    }
    if (a[n / 2] != 7.0) {
      throw new IllegalStateException("triad computed " + a[n / 2]);
    }
    return out;
  }

  private static Measure measure(String kernel, int threads, long bytes, double[] gbps, double trafficPerCounted) {
    double best = Arrays.stream(gbps).max().orElseThrow();
    return new Measure(kernel, threads, bytes, gbps.length, best, new Median().evaluate(gbps), best * trafficPerCounted);
  }

  private static int checkedLength(long n) {
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("working set too large for one Java array: " + n + " elements");
    }
    return (int) n;
  }

  @FunctionalInterface
  private interface Range {
    long apply(int from, int to);
  }

  private static volatile long sink;

  private static void run(ExecutorService pool, int threads, int n, Range range) throws Exception {
    if (threads == 1) {
      sink += range.apply(0, n);
      return;
    }
    List<Future<Long>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int from = (int) ((long) n * t / threads);
      int to = (int) ((long) n * (t + 1) / threads);
      parts.add(pool.submit(() -> range.apply(from, to)));
    }
    for (Future<Long> f : parts) {
      sink += f.get();
    }
  }

  static long sum(long[] a, int from, int to) {
    long s0 = 0;
    long s1 = 0;
    long s2 = 0;
    long s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      s0 += a[i];
      s1 += a[i + 1];
      s2 += a[i + 2];
      s3 += a[i + 3];
    }
    for (; i < to; i++) {
      s0 += a[i];
    }
    return s0 + s1 + s2 + s3;
  }

  static void triad(double[] a, double[] b, double[] c, double q, int from, int to) {
    for (int i = from; i < to; i++) {
      a[i] = b[i] + q * c[i];
    }
  }
}
