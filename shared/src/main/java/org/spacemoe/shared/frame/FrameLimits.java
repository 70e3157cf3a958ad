package org.spacemoe.shared.frame;

/**
 * Bounds a decoder enforces before it allocates anything for a frame. Decoding allocates at most
 * {@code 4 * rows * cols} bytes for the tensor, and rows, cols and the payload they need are
 * checked against these limits first.
 *
 * @param maxRows largest accepted row count (rows of the tensor, e.g. tokens in a batch)
 * @param maxCols largest accepted column count (e.g. hidden size 4096, vocabulary 32000)
 * @param maxPayloadBytes largest accepted payload in bytes (header and CRC not counted)
 */
public record FrameLimits(int maxRows, int maxCols, int maxPayloadBytes) {
  /** 64 MiB: the default payload limit; larger payloads are refused. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

  /** Largest {@code maxPayloadBytes} allowed, so that a whole frame fits a Java byte array. */
  public static final int MAX_PAYLOAD_CAP = Integer.MAX_VALUE - 64;

  /**
   * Defaults: 65,536 rows, 1,048,576 cols (a 32000-wide logits row or a 4096-wide hidden state
   * fits easily), payload at most 64 MiB.
   */
  public static final FrameLimits DEFAULTS =
      new FrameLimits(65_536, 1_048_576, DEFAULT_MAX_PAYLOAD_BYTES);

  public FrameLimits {
    if (maxRows < 1 || maxCols < 1) {
      throw new IllegalArgumentException(
          "frame limits: maxRows and maxCols must be >= 1, got " + maxRows + " and " + maxCols);
    }
    if (maxPayloadBytes < 1 || maxPayloadBytes > MAX_PAYLOAD_CAP) {
      throw new IllegalArgumentException("frame limits: maxPayloadBytes must be in [1, "
          + MAX_PAYLOAD_CAP + "], got " + maxPayloadBytes);
    }
  }
}
