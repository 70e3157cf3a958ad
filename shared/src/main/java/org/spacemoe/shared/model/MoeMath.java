package org.spacemoe.shared.model;

import java.util.Arrays;

/**
 * The router and combine arithmetic of an MoE layer, shared by the single-process reference and the distributed
 * gateway so both compute bitwise the same hidden states.
 */
public final class MoeMath {
  private MoeMath() {}

  /**
   * The {@code k} largest logits' indices, largest first; equal logits: the lower index first. NaN counts as
   * smaller than every number.
   *
   * @throws IllegalArgumentException unless {@code 1 <= k <= logits.length}
   */
  public static int[] topK(float[] logits, int k) {
    if (k < 1 || k > logits.length) {
      throw new IllegalArgumentException("k must be in [1, " + logits.length + "], got " + k);
    }
    int[] out = new int[k];
    boolean[] taken = new boolean[logits.length];
    for (int j = 0; j < k; j++) {
      int best = -1;
      for (int e = 0; e < logits.length; e++) {
        if (!taken[e] && (best < 0 || greater(logits[e], logits[best]))) {
          best = e;
        }
      }
      taken[best] = true;
      out[j] = best;
    }
    return out;
  }

  /** Softmax over {@code logits[selected[j]]}, computed in double then cast; entry j belongs to selected[j]. */
  public static float[] gateWeights(float[] logits, int[] selected) {
    double max = Double.NEGATIVE_INFINITY;
    for (int e : selected) {
      max = Math.max(max, logits[e]);
    }
    double[] ex = new double[selected.length];
    double sum = 0;
    for (int j = 0; j < selected.length; j++) {
      ex[j] = Math.exp(logits[selected[j]] - max);
      sum += ex[j];
    }
    float[] w = new float[selected.length];
    for (int j = 0; j < selected.length; j++) {
      w[j] = (float) (ex[j] / sum);
    }
    return w;
  }

  /**
   * {@code attnOut + sum_j weights[j] * expertOutputs[j]}, summed in float in ascending expert-index order
   * (not in selection order), so every runtime that adds the same vectors gets the same bits.
   * {@code weights[j]} and {@code expertOutputs[j]} belong to expert {@code selected[j]}.
   */
  public static float[] combine(float[] attnOut, int[] selected, float[] weights, float[][] expertOutputs) {
    if (weights.length != selected.length || expertOutputs.length != selected.length) {
      throw new IllegalArgumentException("selected, weights and expertOutputs differ in length: " + selected.length
          + ", " + weights.length + ", " + expertOutputs.length);
    }
    Integer[] order = new Integer[selected.length];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
      if (expertOutputs[j].length != attnOut.length) {
        throw new IllegalArgumentException("expert output " + j + " has length " + expertOutputs[j].length
            + ", attnOut " + attnOut.length);
      }
    }
    Arrays.sort(order, (a, b) -> Integer.compare(selected[a], selected[b]));
    float[] out = attnOut.clone();
    for (int j : order) {
      float w = weights[j];
      float[] y = expertOutputs[j];
      for (int i = 0; i < out.length; i++) {
        out[i] += w * y[i];
      }
    }
    return out;
  }

  /** Index of the largest logit; ties go to the lower index. */
  public static int argmax(float[] logits) {
    if (logits.length == 0) {
      throw new IllegalArgumentException("no logits");
    }
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (greater(logits[i], logits[best])) {
        best = i;
      }
    }
    return best;
  }

  /** {@code a > b} in the order {@link #argmax} ranks logits: NaN below every number. */
  public static boolean greater(float a, float b) {
    return a > b || (Float.isNaN(b) && !Float.isNaN(a));
  }
}
