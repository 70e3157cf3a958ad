package org.spacemoe.shared.frame;

import java.util.Objects;

/**
 * Encodes {@link ActivationFrame}s to the binary wire format and decodes them from untrusted bytes
 * within {@link FrameLimits}. Immutable and thread-safe.
 */
public final class ActivationFrameCodec {
  private final FrameLimits limits;

  /** A codec with {@link FrameLimits#DEFAULTS}. */
  public ActivationFrameCodec() {
    this(FrameLimits.DEFAULTS);
  }

  /** A codec that refuses frames beyond {@code limits}, on decode and on encode. */
  public ActivationFrameCodec(FrameLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public FrameLimits limits() {
    return limits;
  }

  /**
   * The frame as bytes: 44-byte header, payload quantised per {@link TensorCodec}, CRC32C.
   *
   * @throws IllegalArgumentException if a value is NaN or infinite, an FP16 value rounds beyond
   *     ±65504, an INT8 row is too large to quantise, or the shape exceeds this codec's limits
   */
  public byte[] encode(ActivationFrame frame) {
    return FrameEncoder.encode(Objects.requireNonNull(frame, "frame"), limits);
  }

  /**
   * Encoded size of {@code frame} in bytes (44-byte header + payload + 4-byte CRC), without
   * encoding it; for link-time estimates (bytes / link rate).
   */
  public static long encodedSize(ActivationFrame frame) {
    return FrameLayout.frameBytes(frame.codec().payloadBytes(frame.rows(), frame.cols()));
  }

  /**
   * The frame in {@code bytes}, which must hold exactly one frame.
   *
   * @throws FrameDecodeException if the bytes are not a valid frame within the limits; nothing
   *     else is thrown for any content of {@code bytes}
   */
  public ActivationFrame decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /**
   * The frame in {@code bytes[offset .. offset + length)}, which must hold exactly one frame.
   * Reads only that range and never allocates more than the validated tensor size.
   *
   * @throws FrameDecodeException if the range is not a valid frame within the limits
   * @throws IndexOutOfBoundsException if the range is not inside {@code bytes} (a caller bug)
   */
  public ActivationFrame decode(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return FrameDecoder.decode(bytes, offset, length, limits);
  }
}
