package org.spacemoe.shared.frame;

/**
 * Symmetric per-row int8 quantisation: {@code scale = max|x| / 127} (rounded up to the next fp32,
 * so that every {@code |x| / scale <= 127}), {@code q = round-half-even(x / scale)}, element = q *
 * scale. An all-zero row has scale 0 and all q = 0. The error per element is at most {@code scale /
 * 2} plus one fp32 rounding of the result.
 */
public final class Int8Quantizer {
  /**
   * Largest scale accepted: Float.MAX_VALUE / 128, so that q * scale stays finite for every int8
   * q, -128 included. Rows with {@code max|x|} above about 3.37e38 cannot be sent as INT8.
   */
  public static final float MAX_SCALE = Float.MAX_VALUE / 128;

  private Int8Quantizer() {}

  /**
   * The scale of the row {@code x[from .. from + n)}, which must hold finite values.
   *
   * @throws IllegalArgumentException if the scale would exceed {@link #MAX_SCALE}
   */
  public static float scale(float[] x, int from, int n) {
    float max = 0;
    for (int i = from; i < from + n; i++) {
      max = Math.max(max, Math.abs(x[i]));
    }
    if (max == 0) {
      return 0f;
    }
    float scale = (float) (max / 127.0);
    // (double) scale * 127 is exact (24 + 7 bits), so this makes scale * 127 >= max exactly.
    while ((double) scale * 127.0 < max) {
      scale = Math.nextUp(scale);
    }
    if (scale > MAX_SCALE) {
      throw new IllegalArgumentException("int8 row with max |x| = " + max
          + " is too large to quantise (largest allowed " + MAX_SCALE * 127 + ")");
    }
    return scale;
  }

  /** The int8 code of {@code x} for a row with {@code scale} (0 when the scale is 0). */
  public static byte quantize(float x, float scale) {
    if (scale == 0) {
      return 0;
    }
    double q = Math.rint(x / (double) scale);
    return (byte) Math.max(-127, Math.min(127, q));
  }

  /** The value of the int8 code {@code q} in a row with {@code scale}, rounded once to fp32. */
  public static float dequantize(byte q, float scale) {
    return (float) (q * (double) scale);
  }
}
