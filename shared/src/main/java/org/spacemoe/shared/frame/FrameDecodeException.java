package org.spacemoe.shared.frame;

import org.spacemoe.shared.input.InvalidInputException;

/**
 * A received byte sequence is not a valid activation frame (or sequence error; or a decoded frame is
 * not a sequence start). The one-line message names the field, its byte offset when it has one, and
 * the values involved; {@link #reason()} says which rule was broken, for counting and for tests.
 */
public final class FrameDecodeException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final FrameError reason;
  private final String field;
  private final int offset;

  FrameDecodeException(FrameError reason, String field, int offset, String problem) {
    this("frame", reason, field, offset, problem);
  }

  /** {@code subject} starts the message: "frame", "sequence start", "sequence error". */
  FrameDecodeException(String subject, FrameError reason, String field, int offset,
      String problem) {
    super(offset >= 0 ? subject + " " + field + " (offset " + offset + ")" : subject + " " + field,
        problem + " [" + reason + "]");
    this.reason = reason;
    this.field = field;
    this.offset = offset;
  }

  /** Which rule the frame broke. */
  public FrameError reason() {
    return reason;
  }

  /** The offending field, for example {@code rows} or {@code crc32c}. */
  public String field() {
    return field;
  }

  /** Byte offset of the field within the frame, or -1 for whole-frame problems (length). */
  public int offset() {
    return offset;
  }
}
