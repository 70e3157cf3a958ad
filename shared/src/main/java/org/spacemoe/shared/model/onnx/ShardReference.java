package org.spacemoe.shared.model.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spacemoe.shared.input.Checks;

/**
 * What a shard must output for its {@link ShardProbe} input, recorded by the export in {@code manifest.json} and
 * checked by the onboard selftest. Outputs are compared numerically, not by digest: ONNX Runtime on x86-64 and on
 * aarch64 (different kernels, fused multiply-adds, summation orders) give slightly different fp32 results.
 *
 * <p>Per output: its element count, the mean of its absolute values and {@value #SAMPLES} values at the evenly
 * spaced indices {@link #sampleIndex(int, int, int)} (all of them if it has fewer). The reference is the double
 * evaluation of the model export's {@code ShardReferenceForward}; a run passes when every sampled value and every mean is within
 * {@code tolerance} of it.
 *
 * @param seed the probe seed ({@link ShardProbe#inputs})
 * @param tolerance largest allowed absolute difference, finite and > 0: {@value #RELATIVE_TOLERANCE} times (1 +
 *     the largest absolute reference value of the shard). fp32 rounding in a dot product of n terms is about
 *     {@code sqrt(n) 6e-8} relative (1e-5 at n = 4096, the paper's hidden size); a wrong weight, kernel or
 *     input gives differences of the order of the values themselves
 * @param outputs per graph output name, sorted by name
 */
public record ShardReference(long seed, double tolerance, Map<String, OutputSample> outputs) {
  /** Sampled values per output. */
  public static final int SAMPLES = 8;
  /** Tolerance relative to (1 + the largest absolute reference value). */
  public static final double RELATIVE_TOLERANCE = 1e-3;

  /**
   * One output's reference.
   *
   * @param count number of elements (row-major), >= 1
   * @param meanAbs mean of the absolute values over all elements; finite, >= 0
   * @param sample the finite values at {@link #sampleIndex} for j = 0 .. {@link #sampleCount}(count) - 1
   */
  public record OutputSample(int count, double meanAbs, List<Double> sample) {
    public OutputSample {
      Checks.positive("count", count);
      Checks.nonNegative("meanAbs", meanAbs);
      sample = List.copyOf(sample);
      if (sample.size() != sampleCount(count)) {
        throw new IllegalArgumentException("sample has " + sample.size() + " values, expected "
            + sampleCount(count) + " for count " + count);
      }
      if (!sample.stream().allMatch(Double::isFinite)) {
        throw new IllegalArgumentException("sample must hold finite numbers, got " + sample);
      }
    }
  }

  /**
   * The result of one comparison.
   *
   * @param maxAbsDiff largest absolute difference over every sampled value and mean (NaN counts as infinite)
   * @param worst where it was, e.g. {@code y[12]} or {@code logits.meanAbs}
   * @param problem a shape problem (missing output, wrong element count), or null
   */
  public record Comparison(double maxAbsDiff, String worst, String problem, double tolerance) {
    /** True when the outputs have the recorded shapes and every difference is within the tolerance. */
    public boolean passed() {
      return problem == null && maxAbsDiff <= tolerance;
    }
  }

  public ShardReference {
    Checks.positive("tolerance", tolerance);
    outputs = Collections.unmodifiableMap(new TreeMap<>(outputs));
  }

  /** The reference of outputs computed for the probe of {@code seed}. */
  public static ShardReference of(long seed, Map<String, double[]> outputs) {
    double largest = 0;
    Map<String, OutputSample> samples = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : outputs.entrySet()) {
      double[] v = e.getValue();
      double sumAbs = 0;
      for (double x : v) {
        sumAbs += Math.abs(x);
        largest = Math.max(largest, Math.abs(x));
      }
      int k = sampleCount(v.length);
      List<Double> sample = new ArrayList<>(k);
      for (int j = 0; j < k; j++) {
        sample.add(v[sampleIndex(j, k, v.length)]);
      }
      samples.put(e.getKey(), new OutputSample(v.length, v.length == 0 ? 0 : sumAbs / v.length, sample));
    }
    return new ShardReference(seed, RELATIVE_TOLERANCE * (1 + largest), samples);
  }

  /** How many values of an output of {@code count} elements are sampled. */
  public static int sampleCount(int count) {
    return Math.min(count, SAMPLES);
  }

  /** The index of the j-th of k samples of an output of {@code count} elements: {@code floor(j count / k)}. */
  public static int sampleIndex(int j, int k, int count) {
    return (int) ((long) j * count / k);
  }

  /** Compares actual outputs (by name, row-major floats) with this reference. */
  public Comparison compare(Map<String, float[]> actual) {
    double max = -1;
    String worst = "-";
    for (Map.Entry<String, OutputSample> e : outputs.entrySet()) {
      String name = e.getKey();
      OutputSample ref = e.getValue();
      float[] got = actual.get(name);
      if (got == null) {
        return new Comparison(Double.POSITIVE_INFINITY, name, "output " + name + " is missing", tolerance);
      }
      if (got.length != ref.count()) {
        return new Comparison(Double.POSITIVE_INFINITY, name, "output " + name + " has " + got.length
            + " elements, the reference " + ref.count(), tolerance);
      }
      int k = ref.sample().size();
      for (int j = 0; j < k; j++) {
        int i = sampleIndex(j, k, got.length);
        double diff = difference(got[i], ref.sample().get(j));
        if (diff > max) {
          max = diff;
          worst = name + "[" + i + "]";
        }
      }
      double sumAbs = 0;
      for (float x : got) {
        sumAbs += Math.abs(x);
      }
      double diff = difference(got.length == 0 ? 0 : sumAbs / got.length, ref.meanAbs());
      if (diff > max) {
        max = diff;
        worst = name + ".meanAbs";
      }
    }
    return new Comparison(Math.max(0, max), worst, null, tolerance);
  }

  private static double difference(double got, double want) {
    double d = Math.abs(got - want);
    return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
  }
}
