package org.spacemoe.shared.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Per-layer expert activation shares: {@code share(l, e)} is the fraction of expert activations of layer
 * {@code l} that went to expert {@code e}. Every row is finite, non-negative and sums to 1.
 */
public final class ActivationStatistics {
  private final String source;
  private final double[][] shares;

  /**
   * @param source how these were obtained (for reports), e.g. {@code zipf:1.2} or a file name
   * @param counts per layer, per expert: non-negative finite counts or weights, at least one positive per layer
   */
  public ActivationStatistics(String source, double[][] counts) {
    this.source = source;
    if (counts.length == 0) {
      throw new InvalidInputException(source, "no layers");
    }
    int experts = counts[0].length;
    this.shares = new double[counts.length][];
    for (int l = 0; l < counts.length; l++) {
      if (counts[l].length != experts || experts == 0) {
        throw new InvalidInputException(source, "layer " + l + " has " + counts[l].length
            + " experts, expected " + experts + " (every layer needs the same positive number)");
      }
      double sum = 0;
      for (int e = 0; e < experts; e++) {
        double c = counts[l][e];
        if (!Double.isFinite(c) || c < 0) {
          throw new InvalidInputException(source, "count of layer " + l + " expert " + e
              + " must be finite and >= 0, got " + c);
        }
        sum += c;
      }
      if (!(sum > 0)) {
        throw new InvalidInputException(source, "layer " + l + " has no positive count");
      }
      double scale = 1;
      if (Double.isInfinite(sum)) {
        scale = Arrays.stream(counts[l]).max().getAsDouble();
        sum = 0;
        for (double c : counts[l]) {
          sum += c / scale;
        }
      }
      shares[l] = new double[experts];
      for (int e = 0; e < experts; e++) {
        shares[l][e] = counts[l][e] / scale / sum;
      }
    }
  }

  public static ActivationStatistics uniform(int layers, int experts) {
    double[][] c = new double[layers][experts];
    for (double[] row : c) {
      Arrays.fill(row, 1.0);
    }
    return new ActivationStatistics("uniform", c);
  }

  /** Zipf skew: expert {@code e} (0-based) of every layer gets weight {@code 1 / (e + 1)^s}. */
  public static ActivationStatistics zipf(int layers, int experts, double s) {
    if (!Double.isFinite(s) || s < 0) {
      throw new InvalidInputException("--stats zipf", "exponent must be finite and >= 0, got " + s);
    }
    double[][] c = new double[layers][experts];
    for (double[] row : c) {
      for (int e = 0; e < experts; e++) {
        row[e] = 1.0 / Math.pow(e + 1, s);
      }
    }
    return new ActivationStatistics("zipf:" + s, c);
  }

  public String source() {
    return source;
  }

  public int layers() {
    return shares.length;
  }

  public int experts() {
    return shares[0].length;
  }

  public double share(int layer, int expert) {
    return shares[layer][expert];
  }

  /** A copy of layer {@code l}'s shares. */
  public double[] layerShares(int layer) {
    return shares[layer].clone();
  }

  /** Fails naming the stats source if its shape differs from the model's. */
  public ActivationStatistics requireShape(int layers, int experts) {
    if (layers() != layers || experts() != experts) {
      throw new InvalidInputException(source, "has shape [" + layers() + " layers][" + experts()
          + " experts], the model needs [" + layers + "][" + experts + "]");
    }
    return this;
  }

  /**
   * Draws {@code k} distinct experts of layer {@code l}, successively proportional to their shares among
   * those not yet drawn (the top-k of a router whose gate follows these shares). Writes them into {@code out}.
   * Experts with share 0 are drawn (uniformly) only once every expert with a positive share has been drawn.
   *
   * @throws IllegalArgumentException if {@code k} is not in {@code [1, experts()]} or {@code out} is shorter
   */
  public void sampleTopK(int layer, int k, SplittableRandom rnd, int[] out) {
    double[] p = shares[layer];
    int n = p.length;
    if (k < 1 || k > n || out.length < k) {
      throw new IllegalArgumentException("k must be in [1, " + n + "] and out.length >= k, got k=" + k
          + ", out.length=" + out.length);
    }
    long takenMask = 0;
    boolean[] takenBig = n > 64 ? new boolean[n] : null;
    for (int j = 0; j < k; j++) {
      double total = 0;
      int untaken = 0;
      int lastPositive = -1;
      for (int e = 0; e < n; e++) {
        if (!isTaken(takenMask, takenBig, e)) {
          total += p[e];
          untaken++;
          if (p[e] > 0) {
            lastPositive = e;
          }
        }
      }
      int pick = lastPositive;
      if (total > 0) {
        double r = rnd.nextDouble() * total;
        double acc = 0;
        for (int e = 0; e < n; e++) {
          if (p[e] > 0 && !isTaken(takenMask, takenBig, e)) {
            acc += p[e];
            if (r < acc) {
              pick = e;
              break;
            }
          }
        }
      } else {
        int skip = rnd.nextInt(untaken);
        for (int e = 0; e < n; e++) {
          if (!isTaken(takenMask, takenBig, e) && skip-- == 0) {
            pick = e;
            break;
          }
        }
      }
      out[j] = pick;
      if (takenBig == null) {
        takenMask |= 1L << pick;
      } else {
        takenBig[pick] = true;
      }
    }
  }

  private static boolean isTaken(long mask, boolean[] big, int e) {
    return big == null ? (mask & (1L << e)) != 0 : big[e];
  }
}
