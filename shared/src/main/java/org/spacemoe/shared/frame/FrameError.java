package org.spacemoe.shared.frame;

/**
 * Why a byte sequence is not a valid activation frame (or sequence error, or a frame is not a
 * sequence start); carried by {@link FrameDecodeException}. The first reasons are the activation
 * frame decoder's; {@link #BAD_START} is {@link SequenceStartCodec}'s; {@link #UNKNOWN_REASON},
 * {@link #STRING_TOO_LONG} and {@link #INVALID_UTF8} are {@link SequenceErrorCodec}'s, which also
 * uses TOO_SHORT, BAD_MAGIC, UNSUPPORTED_VERSION, LENGTH_MISMATCH and BAD_CRC.
 */
public enum FrameError {
  /** Fewer than 48 bytes: not even a header and a CRC. */
  TOO_SHORT,
  /** Bytes 0..3 are not 'S' 'M' 'O' 'E'. */
  BAD_MAGIC,
  /** Byte 4 is not a format version this decoder reads (1). */
  UNSUPPORTED_VERSION,
  /** Byte 5 is not a {@link FrameKind} code. */
  UNKNOWN_KIND,
  /** Byte 6 is not a {@link TensorCodec} code. */
  UNKNOWN_CODEC,
  /** Byte 7 (reserved flags) is not 0. */
  BAD_FLAGS,
  /** A TOKEN or ACK frame not in I32, or another kind in I32. */
  CODEC_KIND_MISMATCH,
  /** Plan version is 0. */
  BAD_PLAN_VERSION,
  /** Rows or cols is 0. */
  EMPTY_SHAPE,
  /** Rows, cols or the payload they need exceed the decoder's {@link FrameLimits}. */
  SHAPE_TOO_LARGE,
  /** Declared payload length differs from what rows, cols and the codec need. */
  PAYLOAD_SIZE_MISMATCH,
  /** Total length is not 44 + payload length + 4: truncated, or trailing bytes. */
  LENGTH_MISMATCH,
  /** The CRC32C trailer does not match the header and payload. */
  BAD_CRC,
  /** An INT8 row scale is NaN, infinite, negative, too large, or 0 with non-zero values. */
  BAD_SCALE,
  /** An FP32 or FP16 payload holds a NaN or an infinity. */
  NON_FINITE_VALUE,
  /** An ACK frame whose shape is not 1 x 1 or whose single value is not 0. */
  BAD_ACK,
  /** A frame given to {@link SequenceStartCodec#fromFrame} is not a sequence start. */
  BAD_START,
  /** A sequence error's reason byte is not a {@link SequenceErrorReason} code. */
  UNKNOWN_REASON,
  /** A sequence error's string length field is above that string's maximum. */
  STRING_TOO_LONG,
  /** A sequence error's string is not well-formed UTF-8. */
  INVALID_UTF8
}
