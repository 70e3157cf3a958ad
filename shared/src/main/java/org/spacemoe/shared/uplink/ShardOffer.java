package org.spacemoe.shared.uplink;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One shard in a {@link TransferOffer}: what the satellite will receive and how to check it.
 *
 * @param name shard name, e.g. {@code layer03.expert05}; also the receiver's file name stem, so it must match
 *     {@code [A-Za-z0-9][A-Za-z0-9._-]*}, at most 128 characters
 * @param sha256 lower-case hex SHA-256 of the whole file; must equal the signed plan's shard digest
 * @param bytes file size in bytes, at least 1
 * @param chunkBytes size of every chunk but the last (which has the rest), bytes, in [1, 16 MiB]
 * @param chunkSha256 lower-case hex SHA-256 of every chunk, in chunk order: {@code ceil(bytes / chunkBytes)}
 *     entries
 */
public record ShardOffer(String name, String sha256, long bytes, int chunkBytes, List<String> chunkSha256) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public ShardOffer {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("shard name must match [A-Za-z0-9][A-Za-z0-9._-]* (at most 128"
          + " characters), got " + (name == null ? "null" : "'" + name.substring(0, Math.min(name.length(), 140))
          .replaceAll("\\p{Cntrl}", "?") + "'"));
    }
    UplinkJson.requireSha256("shard " + name + " sha256", sha256);
    if (bytes < 1) {
      throw new IllegalArgumentException("shard " + name + ": bytes must be >= 1, got " + bytes);
    }
    if (chunkBytes < 1 || chunkBytes > ShardChunk.MAX_CHUNK_BYTES) {
      throw new IllegalArgumentException("shard " + name + ": chunkBytes must be in [1, "
          + ShardChunk.MAX_CHUNK_BYTES + "], got " + chunkBytes);
    }
    long count = (bytes + chunkBytes - 1) / chunkBytes;
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("shard " + name + ": " + count + " chunks; at most 2^31-1");
    }
    if (chunkSha256 == null || chunkSha256.size() != count) {
      throw new IllegalArgumentException("shard " + name + ": " + bytes + " bytes in chunks of " + chunkBytes
          + " make " + count + " chunks, but " + (chunkSha256 == null ? "no" : chunkSha256.size())
          + " chunk digests are listed");
    }
    for (int i = 0; i < chunkSha256.size(); i++) {
      UplinkJson.requireSha256("shard " + name + " chunkSha256[" + i + "]", chunkSha256.get(i));
    }
    chunkSha256 = List.copyOf(chunkSha256);
  }

  /** Number of chunks, {@code ceil(bytes / chunkBytes)}. */
  public int chunkCount() {
    return chunkSha256.size();
  }

  /** Byte offset of chunk {@code index} in the file. */
  public long chunkOffset(int index) {
    checkIndex(index);
    return (long) index * chunkBytes;
  }

  /** Length of chunk {@code index} in bytes: {@code chunkBytes}, or the remainder for the last. */
  public int chunkLength(int index) {
    checkIndex(index);
    return (int) Math.min(chunkBytes, bytes - (long) index * chunkBytes);
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= chunkCount()) {
      throw new IndexOutOfBoundsException("chunk " + index + " of shard " + name + " (" + chunkCount() + " chunks)");
    }
  }
}
