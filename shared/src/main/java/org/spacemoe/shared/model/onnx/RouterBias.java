package org.spacemoe.shared.model.onnx;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.spacemoe.shared.input.Checks;

/**
 * The router bias that gives expert popularity a Zipf skew. Expert {@code e} (0-based) has Zipf weight
 * {@code w_e = 1/(e+1)^s}. The planner draws a token's top-k experts one after another proportionally to these
 * weights (Plackett-Luce, {@code ActivationStatistics.sampleTopK}); that is exactly the top-k of
 * {@code log w_e + Gumbel noise}. The router's token-dependent part is about Gaussian with standard deviation
 * {@link InitScales#ROUTER_NOISE_STD} instead, so the bias is {@code br_e = alpha * log w_e} with the factor
 * {@code alpha} chosen (bisection, fixed Monte Carlo sample) so that the Gaussian router picks expert 0 as often
 * as the planner's model does. The other experts then follow closely; see the tests for measured shares.
 */
public final class RouterBias {
  private static final int SAMPLES = 100_000;
  private static final long CALIBRATION_SEED = 0x5EED_B1A5L;

  private RouterBias() {}

  /** Zipf weights {@code 1/(e+1)^s}, not normalised. */
  public static double[] zipfWeights(int experts, double s) {
    double[] w = new double[experts];
    for (int e = 0; e < experts; e++) {
      w[e] = 1.0 / StrictMath.pow(e + 1, s);
    }
    return w;
  }

  /** {@code alpha * log w_e} with the calibrated {@code alpha} of {@link #scale(int, int, double)}. */
  public static float[] bias(int experts, int topK, double s) {
    double alpha = scale(experts, topK, s);
    double[] w = zipfWeights(experts, s);
    float[] b = new float[experts];
    for (int e = 0; e < experts; e++) {
      b[e] = (float) (alpha * StrictMath.log(w[e]));
    }
    return b;
  }

  /**
   * The factor {@code alpha}: with {@code N(0, ROUTER_NOISE_STD^2)} noise on {@code alpha log w}, expert 0 is in
   * the top-k as often as under Plackett-Luce sampling with weights {@code w}. 1 when {@code s = 0} or every expert
   * is always picked.
   */
  public static double scale(int experts, int topK, double s) {
    Checks.nonNegative("--zipf", s);
    if (s == 0 || topK >= experts) {
      return 1.0;
    }
    double[] logW = Arrays.stream(zipfWeights(experts, s)).map(StrictMath::log).toArray();
    double target = inclusion(plackettLuce(logW, topK), experts)[0] / topK;
    double[][] noise = gaussianNoise(experts);
    double lo = 0;
    double hi = 64;
    for (int i = 0; i < 50; i++) {
      double mid = (lo + hi) / 2;
      double got = shareOfExpert0(noise, logW, mid, topK);
      if (got < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /**
   * The share of activations each expert gets (sums to 1) when a token's top-k are drawn Plackett-Luce with Zipf
   * weights: what the planner's {@code zipf:S} statistics simulate. Monte Carlo with a fixed seed.
   */
  public static double[] plannerShares(int experts, int topK, double s) {
    double[] logW = Arrays.stream(zipfWeights(experts, s)).map(StrictMath::log).toArray();
    double[] inc = inclusion(plackettLuce(logW, topK), experts);
    for (int e = 0; e < experts; e++) {
      inc[e] /= topK;
    }
    return inc;
  }

  /**
   * The share of activations each expert gets with the exported bias and ideal Gaussian router noise (the model
   * of this class); measured shares of a real model are close to it when its {@code moe_in} varies enough.
   */
  public static double[] gaussianShares(int experts, int topK, double s) {
    double[] logW = Arrays.stream(zipfWeights(experts, s)).map(StrictMath::log).toArray();
    double alpha = scale(experts, topK, s);
    double[][] noise = gaussianNoise(experts);
    int[] counts = new int[experts];
    for (double[] row : noise) {
      for (int e : topK(row, logW, alpha, topK)) {
        counts[e]++;
      }
    }
    double[] shares = new double[experts];
    for (int e = 0; e < experts; e++) {
      shares[e] = counts[e] / (double) (SAMPLES * topK);
    }
    return shares;
  }

  private static double shareOfExpert0(double[][] noise, double[] logW, double alpha, int k) {
    int hits = 0;
    for (double[] row : noise) {
      double v0 = alpha * logW[0] + row[0];
      int above = 0;
      for (int e = 1; e < row.length && above < k; e++) {
        if (alpha * logW[e] + row[e] > v0) {
          above++;
        }
      }
      if (above < k) {
        hits++;
      }
    }
    return hits / (double) (noise.length * k);
  }

  private static int[] topK(double[] noise, double[] logW, double alpha, int k) {
    double[] v = new double[noise.length];
    for (int e = 0; e < v.length; e++) {
      v[e] = alpha * logW[e] + noise[e];
    }
    int[] out = new int[k];
    boolean[] taken = new boolean[v.length];
    for (int j = 0; j < k; j++) {
      int best = -1;
      for (int e = 0; e < v.length; e++) {
        if (!taken[e] && (best < 0 || v[e] > v[best])) {
          best = e;
        }
      }
      taken[best] = true;
      out[j] = best;
    }
    return out;
  }

  private static double[][] gaussianNoise(int experts) {
    SeededWeights.Gaussian g = new SeededWeights.Gaussian(new SplittableRandom(CALIBRATION_SEED));
    double[][] n = new double[SAMPLES][experts];
    for (double[] row : n) {
      for (int e = 0; e < experts; e++) {
        row[e] = InitScales.ROUTER_NOISE_STD * g.next();
      }
    }
    return n;
  }

  /** Top-k sets of {@code logW + Gumbel}: Plackett-Luce draws without replacement. */
  private static int[][] plackettLuce(double[] logW, int k) {
    SplittableRandom rnd = new SplittableRandom(CALIBRATION_SEED + 1);
    int[][] draws = new int[SAMPLES][];
    double[] gumbel = new double[logW.length];
    for (int i = 0; i < SAMPLES; i++) {
      for (int e = 0; e < logW.length; e++) {
        double u = rnd.nextDouble();
        gumbel[e] = -StrictMath.log(-StrictMath.log(u == 0 ? Double.MIN_VALUE : u));
      }
      draws[i] = topK(gumbel, logW, 1.0, k);
    }
    return draws;
  }

  private static double[] inclusion(int[][] draws, int experts) {
    double[] inc = new double[experts];
    for (int[] d : draws) {
      for (int e : d) {
        inc[e]++;
      }
    }
    for (int e = 0; e < experts; e++) {
      inc[e] /= draws.length;
    }
    return inc;
  }
}
