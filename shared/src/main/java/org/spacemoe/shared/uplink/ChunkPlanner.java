package org.spacemoe.shared.uplink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.spacemoe.shared.input.InvalidInputException;

/** Sender side: cuts a shard file into chunks and computes the digests of the offer. */
public final class ChunkPlanner {
  private ChunkPlanner() {}

  /**
   * The offer entry of {@code file}: SHA-256 of the whole file and of every {@code chunkBytes} chunk, in one
   * pass over the file.
   *
   * @param name shard name (see {@link ShardOffer})
   * @param chunkBytes chunk size in bytes, in [1, 16 MiB]; {@link ShardChunk#DEFAULT_CHUNK_BYTES} is 64 KiB
   * @throws InvalidInputException naming the file if it is missing, empty or unreadable
   */
  public static ShardOffer plan(String name, Path file, int chunkBytes) {
    if (chunkBytes < 1 || chunkBytes > ShardChunk.MAX_CHUNK_BYTES) {
      throw new InvalidInputException("chunk size", "must be in [1, " + ShardChunk.MAX_CHUNK_BYTES + "] bytes, got "
          + chunkBytes);
    }
    MessageDigest whole = sha256();
    MessageDigest chunk = sha256();
    HexFormat hex = HexFormat.of();
    List<String> chunks = new ArrayList<>();
    long total = 0;
    byte[] buf = new byte[Math.min(chunkBytes, 1 << 20)];
    int inChunk = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf, 0, Math.min(buf.length, chunkBytes - inChunk))) > 0) {
        whole.update(buf, 0, n);
        chunk.update(buf, 0, n);
        inChunk += n;
        total += n;
        if (inChunk == chunkBytes) {
          chunks.add(hex.formatHex(chunk.digest()));
          inChunk = 0;
        }
      }
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file.toString(), "no such file");
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read shard: " + e.getMessage());
    }
    if (inChunk > 0) {
      chunks.add(hex.formatHex(chunk.digest()));
    }
    if (total == 0) {
      throw new InvalidInputException(file.toString(), "is empty; a shard has at least one byte");
    }
    return new ShardOffer(name, hex.formatHex(whole.digest()), total, chunkBytes, chunks);
  }

  /**
   * Reads chunk {@code chunkIndex} of {@code shard} from {@code file}, ready to publish.
   *
   * @param shardIndex the shard's index in the offer
   * @throws IOException if the file is shorter than the offer says or cannot be read
   */
  public static ShardChunk read(Path file, long transferId, int shardIndex, ShardOffer shard, int chunkIndex)
      throws IOException {
    byte[] payload = new byte[shard.chunkLength(chunkIndex)];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      readFully(ch, ByteBuffer.wrap(payload), shard.chunkOffset(chunkIndex), file);
    }
    return new ShardChunk(transferId, shardIndex, chunkIndex, shard.chunkCount(), payload);
  }

  static void readFully(FileChannel ch, ByteBuffer dst, long position, Path file) throws IOException {
    long at = position;
    while (dst.hasRemaining()) {
      int n = ch.read(dst, at);
      if (n < 0) {
        throw new IOException(file + ": ends at " + at + ", expected " + dst.remaining() + " more bytes");
      }
      at += n;
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
