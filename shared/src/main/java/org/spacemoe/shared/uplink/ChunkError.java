package org.spacemoe.shared.uplink;

/** Why bytes are not a valid {@link ShardChunk}; checked in this order. See {@code docs/uplink.md}. */
public enum ChunkError {
  /** Fewer than 36 bytes: not even a header and a CRC. */
  TOO_SHORT,
  /** Bytes 0..3 are not 'S' 'M' 'C' 'K'. */
  BAD_MAGIC,
  /** Byte 4 is not a format version this decoder reads (1). */
  UNSUPPORTED_VERSION,
  /** A reserved byte (5..7, 18..19) is not 0. */
  BAD_FLAGS,
  /** Transfer id is 0 or has its top bit set. */
  BAD_TRANSFER_ID,
  /** Chunk count is 0 or above 2^31-1. */
  BAD_CHUNK_COUNT,
  /** Chunk index is not below the chunk count. */
  BAD_CHUNK_INDEX,
  /** Payload length is 0. */
  EMPTY_PAYLOAD,
  /** Payload length is above the decoder's limit. */
  PAYLOAD_TOO_LARGE,
  /** Total length is not 32 + payload length + 4: truncated, or trailing bytes. */
  LENGTH_MISMATCH,
  /** The CRC32C trailer does not match header and payload. */
  BAD_CRC
}
