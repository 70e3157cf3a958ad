package org.spacemoe.shared.uplink;

import org.spacemoe.shared.input.InvalidInputException;

/**
 * Received bytes are not a valid shard chunk. One-line message naming the field and its offset, e.g.
 * {@code shard chunk chunkIndex (offset 20): 9 is not below the chunk count 9 [BAD_CHUNK_INDEX]}.
 */
public final class ChunkDecodeException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final ChunkError reason;
  private final int offset;

  ChunkDecodeException(ChunkError reason, String field, int offset, String problem) {
    super(offset >= 0 ? "shard chunk " + field + " (offset " + offset + ")" : "shard chunk " + field,
        problem + " [" + reason + "]");
    this.reason = reason;
    this.offset = offset;
  }

  /** Which rule the bytes broke. */
  public ChunkError reason() {
    return reason;
  }

  /** Byte offset of the offending field, or -1 for the whole message (length). */
  public int offset() {
    return offset;
  }
}
