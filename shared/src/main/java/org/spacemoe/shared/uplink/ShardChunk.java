package org.spacemoe.shared.uplink;

import java.util.Arrays;

/**
 * One piece of a shard file on its way to a satellite: chunk {@code chunkIndex} of {@code chunkCount} of
 * shard {@code shardIndex} (its position in the transfer offer's shard list) of transfer {@code transferId}.
 * Binary wire format: {@link ShardChunkCodec} and {@code docs/uplink.md}.
 *
 * @param transferId the offer's transfer id, in {@code [1, 2^63-1]}
 * @param shardIndex index into {@link TransferOffer#shards()}, in {@code [0, 65535]}
 * @param chunkIndex 0-based, below {@code chunkCount}
 * @param chunkCount chunks of the whole shard, in {@code [1, 2^31-1]}
 * @param payload the chunk's bytes, 1 to {@link #MAX_CHUNK_BYTES}; not copied
 */
public record ShardChunk(long transferId, int shardIndex, int chunkIndex, int chunkCount, byte[] payload)
    implements UplinkMessage {
  /** Default chunk size: 64 KiB, well within HiveMQ's and Mosquitto's default packet limits. */
  public static final int DEFAULT_CHUNK_BYTES = 64 * 1024;
  /** Largest chunk payload the format allows by default: 16 MiB. */
  public static final int MAX_CHUNK_BYTES = 16 * 1024 * 1024;
  /** Largest shard index (u16). */
  public static final int MAX_SHARD_INDEX = 0xFFFF;

  public ShardChunk {
    if (transferId < 1) {
      throw new IllegalArgumentException("shard chunk: transferId must be in [1, 2^63-1], got "
          + Long.toUnsignedString(transferId));
    }
    if (shardIndex < 0 || shardIndex > MAX_SHARD_INDEX) {
      throw new IllegalArgumentException("shard chunk: shardIndex must be in [0, 65535], got " + shardIndex);
    }
    if (chunkCount < 1 || chunkIndex < 0 || chunkIndex >= chunkCount) {
      throw new IllegalArgumentException("shard chunk: chunk " + chunkIndex + " of " + chunkCount
          + " (need 0 <= index < count)");
    }
    if (payload == null || payload.length == 0 || payload.length > MAX_CHUNK_BYTES) {
      throw new IllegalArgumentException("shard chunk: payload must be 1 to " + MAX_CHUNK_BYTES + " bytes, got "
          + (payload == null ? "null" : payload.length));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardChunk c && c.transferId == transferId && c.shardIndex == shardIndex
        && c.chunkIndex == chunkIndex && c.chunkCount == chunkCount && Arrays.equals(c.payload, payload);
  }

  @Override
  public int hashCode() {
    return ((Long.hashCode(transferId) * 31 + shardIndex) * 31 + chunkIndex) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "ShardChunk[transfer " + transferId + ", shard " + shardIndex + ", chunk " + chunkIndex + "/"
        + chunkCount + ", " + payload.length + " bytes]";
  }
}
