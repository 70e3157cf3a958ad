package org.spacemoe.shared.frame;

/** Why a float vector is not a residual; carried by {@link ResidualDecodeException}. */
public enum ResidualError {
  /** The vector is not {@code hidden + 2k} floats long. */
  WRONG_LENGTH,
  /** An attention output value is NaN or infinite. */
  NON_FINITE_ATTN_OUT,
  /** A gate weight is NaN or infinite. */
  NON_FINITE_WEIGHT,
  /** An expert id is not an integral float (fractional, NaN or infinite). */
  NON_INTEGRAL_EXPERT,
  /** An expert id is outside {@code [0, experts)}. */
  EXPERT_OUT_OF_RANGE,
  /** An expert id appears twice. */
  REPEATED_EXPERT
}
