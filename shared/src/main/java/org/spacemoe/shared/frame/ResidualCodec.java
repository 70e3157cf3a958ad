package org.spacemoe.shared.frame;

import java.util.Objects;

/**
 * A {@link Residual} as the float values of a HIDDEN frame, {@code 1 x (hidden + 2k)}: {@code
 * attnOut} (hidden floats), then the k gate weights, then the k selected expert ids as exact floats,
 * in selection order. The frame carrying it stays FP32 whatever the plan's link codecs, so the ids
 * and weights arrive exactly.
 */
public final class ResidualCodec {
  private ResidualCodec() {}

  /** {@code attnOut ++ weights ++ selected} (ids as floats; exact, every id is below 2^24). */
  public static float[] encode(Residual r) {
    int hidden = r.hidden();
    int k = r.topK();
    float[] out = new float[hidden + 2 * k];
    System.arraycopy(r.attnOut(), 0, out, 0, hidden);
    System.arraycopy(r.weights(), 0, out, hidden, k);
    for (int j = 0; j < k; j++) {
      out[hidden + k + j] = r.selected()[j];
    }
    return out;
  }

  /**
   * The residual in {@code values}, for a layer with hidden size {@code hidden}, top-{@code topK}
   * routing and {@code experts} experts. Copies the three parts out of {@code values}.
   *
   * @throws ResidualDecodeException (an {@link IllegalArgumentException}) naming the element if
   *     {@code values} is not {@code hidden + 2 topK} long, an attention value or a weight is NaN or
   *     infinite, an expert id is not integral, not in {@code [0, experts)}, or repeated
   * @throws IllegalArgumentException if {@code hidden < 1}, {@code topK < 1} or {@code experts} is
   *     not in {@code [topK, 65535]} (a caller bug, not bad input)
   */
  public static Residual decode(float[] values, int hidden, int topK, int experts) {
    Objects.requireNonNull(values, "values");
    if (hidden < 1 || topK < 1 || experts < topK || experts > ActivationFrame.MAX_EXPERT + 1) {
      throw new IllegalArgumentException("residual layout: need hidden >= 1, topK >= 1 and topK <="
          + " experts <= " + (ActivationFrame.MAX_EXPERT + 1) + ", got hidden " + hidden + ", topK "
          + topK + ", experts " + experts);
    }
    long expected = hidden + 2L * topK;
    if (values.length != expected) {
      throw error(ResidualError.WRONG_LENGTH, "length", -1, values.length + " floats, but hidden "
          + hidden + " + 2 * topK " + topK + " = " + expected);
    }
    float[] attnOut = new float[hidden];
    for (int i = 0; i < hidden; i++) {
      if (!Float.isFinite(values[i])) {
        throw error(ResidualError.NON_FINITE_ATTN_OUT, "attnOut[" + i + "]", i,
            values[i] + " is not finite");
      }
      attnOut[i] = values[i];
    }
    float[] weights = new float[topK];
    for (int j = 0; j < topK; j++) {
      float w = values[hidden + j];
      if (!Float.isFinite(w)) {
        throw error(ResidualError.NON_FINITE_WEIGHT, "weights[" + j + "]", hidden + j,
            w + " is not finite");
      }
      weights[j] = w;
    }
    int[] selected = new int[topK];
    for (int j = 0; j < topK; j++) {
      int at = hidden + topK + j;
      float id = values[at];
      if (!Float.isFinite(id) || id != Math.rint(id)) {
        throw error(ResidualError.NON_INTEGRAL_EXPERT, "selected[" + j + "]", at,
            "expert id " + id + " is not an integer");
      }
      if (id < 0 || id >= experts) {
        throw error(ResidualError.EXPERT_OUT_OF_RANGE, "selected[" + j + "]", at,
            "expert id " + (long) id + " is not in [0, " + experts + ")");
      }
      selected[j] = (int) id;
      for (int i = 0; i < j; i++) {
        if (selected[i] == selected[j]) {
          throw error(ResidualError.REPEATED_EXPERT, "selected[" + j + "]", at,
              "expert " + selected[j] + " is already selected[" + i + "]");
        }
      }
    }
    return new Residual(attnOut, weights, selected);
  }

  private static ResidualDecodeException error(ResidualError reason, String field, int index,
      String problem) {
    return new ResidualDecodeException(reason, field, index, problem);
  }
}
