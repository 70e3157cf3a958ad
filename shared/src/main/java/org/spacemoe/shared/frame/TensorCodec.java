package org.spacemoe.shared.frame;

import java.util.Optional;
import org.spacemoe.shared.model.HiddenStateCodec;

/** How a frame's tensor is laid out in its payload, with the one-byte wire code (frame offset 6). */
public enum TensorCodec {
  /** IEEE 754 binary32, 4 bytes per element, exact. */
  FP32(0),
  /** IEEE 754 binary16 (half), 2 bytes per element, rounded to nearest even. */
  FP16(1),
  /**
   * Symmetric int8 with one fp32 scale per row: {@code rows * 4} bytes of scales, then {@code rows
   * * cols} signed bytes; element = q * scale of its row.
   */
  INT8(2),
  /** Signed 32-bit integers (token ids), 4 bytes per element, exact. */
  I32(3);

  private final int code;

  TensorCodec(int code) {
    this.code = code;
  }

  /** The wire code, 0..3. */
  public int code() {
    return code;
  }

  /** True for the codecs that carry {@code float} values (all but {@link #I32}). */
  public boolean carriesFloats() {
    return this != I32;
  }

  /**
   * Payload size in bytes of a {@code rows x cols} tensor in this codec; saturates at {@link
   * Long#MAX_VALUE} instead of overflowing, so any pair of u32 dimensions can be asked about.
   *
   * @throws IllegalArgumentException if {@code rows} or {@code cols} is negative
   */
  public long payloadBytes(long rows, long cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("rows and cols must be >= 0, got " + rows + " x " + cols);
    }
    try {
      long elements = Math.multiplyExact(rows, cols);
      switch (this) {
        case FP16:
          return Math.multiplyExact(2L, elements);
        case INT8:
          return Math.addExact(Math.multiplyExact(4L, rows), elements);
        default:
          return Math.multiplyExact(4L, elements);
      }
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }

  /** The codec with this wire code, or empty when no codec has it. */
  public static Optional<TensorCodec> fromCode(int code) {
    for (TensorCodec c : values()) {
      if (c.code == code) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The frame codec that carries hidden states encoded as {@code codec} in the latency model. */
  public static TensorCodec of(HiddenStateCodec codec) {
    switch (codec) {
      case FP32:
        return FP32;
      case FP16:
        return FP16;
      default:
        return INT8;
    }
  }
}
