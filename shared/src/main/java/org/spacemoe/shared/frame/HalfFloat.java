package org.spacemoe.shared.frame;

/**
 * IEEE 754 binary16 ("half") conversion for Java 17, which lacks {@code Float.floatToFloat16}
 * (Java 20): FP16 activation frames and FP16 ONNX weights. A half is held in the low 16 bits of a {@code short}: 1 sign bit, 5 exponent bits
 * (bias 15), 10 mantissa bits. Largest finite half: {@value #MAX_VALUE}; smallest subnormal:
 * 2^-24.
 */
public final class HalfFloat {
  /** Largest finite half value. */
  public static final float MAX_VALUE = 65504f;

  /**
   * Smallest magnitude that rounds to infinity: the midpoint between {@link #MAX_VALUE} and 2^16,
   * which ties to the even neighbour 2^16, that is to infinity.
   */
  public static final float OVERFLOW_THRESHOLD = 65520f;

  private HalfFloat() {}

  /**
   * The half nearest to {@code f}, ties to even (the rounding of IEEE 754 and of {@code
   * Float.floatToFloat16}). Magnitudes at or above {@link #OVERFLOW_THRESHOLD} give infinity;
   * magnitudes at or below 2^-25 give a signed zero; NaN gives a quiet NaN keeping the top mantissa
   * bits.
   */
  public static short fromFloat(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xFF;
    int mant = bits & 0x7F_FFFF;
    if (exp == 0xFF) {
      return (short) (sign | 0x7C00 | (mant == 0 ? 0 : 0x200 | (mant >>> 13)));
    }
    int halfExp = exp - 127 + 15;
    if (halfExp >= 0x1F) {
      return (short) (sign | 0x7C00);
    }
    if (halfExp <= 0) {
      // Subnormal half: value = m * 2^-24, m = (1.mant * 2^23) >> (14 - halfExp), rounded.
      if (halfExp < -10) {
        return (short) sign; // below 2^-25 (half the smallest subnormal): rounds to zero
      }
      int full = mant | 0x80_0000;
      int shift = 14 - halfExp; // 14..24
      int m = full >>> shift;
      int rem = full & ((1 << shift) - 1);
      int halfway = 1 << (shift - 1);
      if (rem > halfway || (rem == halfway && (m & 1) != 0)) {
        m++; // may carry into the smallest normal, which has the right bit pattern
      }
      return (short) (sign | m);
    }
    int half = sign | (halfExp << 10) | (mant >>> 13);
    int rem = mant & 0x1FFF;
    if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
      half++; // a carry out of the mantissa bumps the exponent, up to infinity: correct
    }
    return (short) half;
  }

  /** The exact float value of the half {@code h}. */
  public static float toFloat(short h) {
    int bits = h & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1F;
    int mant = bits & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F80_0000 | (mant << 13));
    }
    if (exp == 0) {
      float magnitude = mant * 0x1p-24f; // exact: mant < 2^10
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /** True when the half {@code h} is infinite or NaN (exponent bits all ones). */
  public static boolean isNonFinite(short h) {
    return (h & 0x7C00) == 0x7C00;
  }
}
