package org.spacemoe.shared.frame;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a layer's gateway sends the next layer's gateway when the plan combines the layer there
 * ({@code combine: next}): the attention output the experts' outputs are added to, and the gate's
 * top-k choice (weights and expert ids, in selection order). On the wire it is the values of a
 * HIDDEN frame (see {@link ResidualCodec}).
 *
 * <p>Like {@link ActivationFrame}, the record takes ownership of its arrays without copying them
 * (attnOut is a whole hidden state, sent once per token): do not modify them afterwards. {@link
 * #equals} and {@link #hashCode} compare contents.
 *
 * @param attnOut hidden state plus attention output, at least one value
 * @param weights the k gate weights of the selected experts, k >= 1
 * @param selected the k selected expert ids, same order as {@code weights}, each in [0, {@link
 *     ActivationFrame#MAX_EXPERT}] (exact as floats), no id twice
 */
public record Residual(float[] attnOut, float[] weights, int[] selected) {

  /** Checks the lengths, the expert id range and that no id repeats. */
  public Residual {
    Objects.requireNonNull(attnOut, "attnOut");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(selected, "selected");
    if (attnOut.length == 0) {
      throw new IllegalArgumentException("residual attnOut: must hold at least one value");
    }
    if (weights.length == 0 || weights.length != selected.length) {
      throw new IllegalArgumentException("residual weights/selected: need k >= 1 of each, got "
          + weights.length + " weights and " + selected.length + " expert ids");
    }
    for (int j = 0; j < selected.length; j++) {
      if (selected[j] < 0 || selected[j] > ActivationFrame.MAX_EXPERT) {
        throw new IllegalArgumentException("residual selected[" + j + "]: expert id must be in [0, "
            + ActivationFrame.MAX_EXPERT + "], got " + selected[j]);
      }
      for (int i = 0; i < j; i++) {
        if (selected[i] == selected[j]) {
          throw new IllegalArgumentException("residual selected[" + j + "]: expert " + selected[j]
              + " is already selected[" + i + "]");
        }
      }
    }
  }

  /** Hidden size, {@code attnOut.length}. */
  public int hidden() {
    return attnOut.length;
  }

  /** Number of selected experts, {@code weights.length}. */
  public int topK() {
    return weights.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Residual r
        && Arrays.equals(attnOut, r.attnOut)
        && Arrays.equals(weights, r.weights)
        && Arrays.equals(selected, r.selected);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(attnOut) + Arrays.hashCode(weights))
        + Arrays.hashCode(selected);
  }

  @Override
  public String toString() {
    return "Residual[hidden " + attnOut.length + ", weights " + Arrays.toString(weights)
        + ", selected " + Arrays.toString(selected) + "]";
  }
}
