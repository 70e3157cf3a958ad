package org.spacemoe.shared.uplink;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import org.spacemoe.shared.plan.envelope.PlanRejectedException;
import org.spacemoe.shared.plan.envelope.RejectReason;

/**
 * Receiver side of one shard: takes chunks in any order, checks each against the offer's SHA-256, writes it
 * at its offset in {@code DIR/NAME.part} and records it in a bitmap in {@code DIR/NAME.part.state}; when all
 * arrived, {@link #finish} checks the whole file's SHA-256 and moves it into place. Pure Java, no MQTT.
 *
 * <p><b>Restarts.</b> {@link #open} resumes from the two files if the state file describes the same shard
 * (same SHA-256, size and chunk size); otherwise it starts empty. On resume every chunk the bitmap claims is
 * read back and hashed again, and those that do not match (a crash between writing data and bitmap, a torn
 * write, a flipped bit on disk) become missing again ({@link #droppedOnOpen()}). So no fsync is needed per
 * chunk: data are forced to disk once, in {@link #finish}, before the atomic rename.
 *
 * <p>State file (little-endian): {@code "SMCS"}, version u8 = 1, 3 reserved bytes, file size u64, chunk size
 * u32, chunk count u32, the 32-byte SHA-256, then the bitmap: bit {@code i % 8} of byte {@code i / 8} set if
 * chunk {@code i} is stored. Thread-safe (methods are synchronized).
 */
public final class ShardAssembler implements Closeable {
  /** Suffix of the partial data file next to the state file. */
  public static final String PART_SUFFIX = ".part";
  /** Suffix of the state (bitmap) file. */
  public static final String STATE_SUFFIX = ".part.state";

  private static final int STATE_MAGIC = 0x5343_4D53; // "SMCS" little-endian
  private static final int STATE_VERSION = 1;
  static final int STATE_HEADER_BYTES = 56;

  /** What happened to one received chunk. Only STORED changes anything. */
  public enum ChunkOutcome {
    /** Checked and written. */
    STORED,
    /** Already stored; ignored (a resend or a duplicate delivery). */
    DUPLICATE,
    /** Chunk index outside the shard, or a chunk count other than the offer's. */
    BAD_INDEX,
    /** Payload length differs from this chunk's length in the offer. */
    BAD_LENGTH,
    /** Payload SHA-256 differs from the offer's digest of this chunk (corrupt); it stays missing. */
    BAD_DIGEST
  }

  private final ShardOffer shard;
  private final Path part;
  private final Path state;
  private final BitSet received;
  private final int droppedOnOpen;
  private FileChannel data;
  private FileChannel stateChannel;
  private int receivedCount;
  private boolean closed;

  private ShardAssembler(ShardOffer shard, Path part, Path state, BitSet received, int droppedOnOpen)
      throws IOException {
    this.shard = shard;
    this.part = part;
    this.state = state;
    this.received = received;
    this.receivedCount = received.cardinality();
    this.droppedOnOpen = droppedOnOpen;
    this.data = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE);
    this.stateChannel = FileChannel.open(state, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  /**
   * Opens the assembly of {@code shard} in {@code dir}, resuming a partial one if its files are there and
   * describe the same shard.
   *
   * @param dir working directory; put it on the same file system as the final location
   */
  public static ShardAssembler open(Path dir, ShardOffer shard) throws IOException {
    Files.createDirectories(dir);
    Path part = dir.resolve(shard.name() + PART_SUFFIX);
    Path state = dir.resolve(shard.name() + STATE_SUFFIX);
    BitSet received = Files.isRegularFile(part) ? readState(state, shard) : null;
    if (received == null) {
      Files.deleteIfExists(part);
      Files.deleteIfExists(state);
      Files.newByteChannel(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
      writeFreshState(state, shard);
      return new ShardAssembler(shard, part, state, new BitSet(shard.chunkCount()), 0);
    }
    int dropped = 0;
    BitSet bad = new BitSet();
    try (FileChannel ch = FileChannel.open(part, StandardOpenOption.READ)) {
      long size = ch.size();
      MessageDigest md = ChunkPlanner.sha256();
      for (int i = received.nextSetBit(0); i >= 0; i = received.nextSetBit(i + 1)) {
        int len = shard.chunkLength(i);
        long at = shard.chunkOffset(i);
        boolean ok = at + len <= size;
        if (ok) {
          ByteBuffer buf = ByteBuffer.allocate(len);
          ChunkPlanner.readFully(ch, buf, at, part);
          ok = HexFormat.of().formatHex(md.digest(buf.array())).equals(shard.chunkSha256().get(i));
        }
        if (!ok) {
          bad.set(i);
          dropped++;
        }
      }
    }
    received.andNot(bad);
    ShardAssembler a = new ShardAssembler(shard, part, state, received, dropped);
    for (int i = bad.nextSetBit(0); i >= 0; i = bad.nextSetBit(i + 1)) {
      a.writeBitmapByte(i);
    }
    return a;
  }

  /** The shard being assembled. */
  public ShardOffer shard() {
    return shard;
  }

  /** Chunks the state file claimed at {@link #open} that failed the re-check and are missing again. */
  public int droppedOnOpen() {
    return droppedOnOpen;
  }

  /** Checks and stores one chunk (the caller has matched its transfer id and shard index). */
  public ChunkOutcome accept(ShardChunk chunk) throws IOException {
    return accept(chunk.chunkIndex(), chunk.chunkCount(), chunk.payload());
  }

  /** Checks and stores chunk {@code index} of {@code count}. */
  public synchronized ChunkOutcome accept(int index, int count, byte[] payload) throws IOException {
    checkOpen();
    if (count != shard.chunkCount() || index < 0 || index >= count) {
      return ChunkOutcome.BAD_INDEX;
    }
    if (received.get(index)) {
      return ChunkOutcome.DUPLICATE;
    }
    if (payload.length != shard.chunkLength(index)) {
      return ChunkOutcome.BAD_LENGTH;
    }
    String digest = HexFormat.of().formatHex(ChunkPlanner.sha256().digest(payload));
    if (!digest.equals(shard.chunkSha256().get(index))) {
      return ChunkOutcome.BAD_DIGEST;
    }
    ByteBuffer buf = ByteBuffer.wrap(payload);
    long at = shard.chunkOffset(index);
    while (buf.hasRemaining()) {
      at += data.write(buf, at);
    }
    received.set(index);
    receivedCount++;
    writeBitmapByte(index);
    return ChunkOutcome.STORED;
  }

  /** Chunks still needed. */
  public synchronized MissingChunks missing() {
    return MissingChunks.notReceived(received, shard.chunkCount());
  }

  /** Number of chunks stored. */
  public synchronized int receivedCount() {
    return receivedCount;
  }

  public synchronized boolean isComplete() {
    return receivedCount == shard.chunkCount();
  }

  /**
   * Forces the data to disk, checks size and whole-file SHA-256 (read back from disk), then moves the file
   * atomically to {@code target} (replacing it) and deletes the state file. Closes this assembler.
   *
   * @return {@code target}
   * @throws IllegalStateException if chunks are missing
   * @throws PlanRejectedException ({@link RejectReason#DIGEST_MISMATCH}) if the file does not match the
   *     offer's SHA-256; both files are deleted first, so a new transfer starts from scratch
   */
  public synchronized Path finish(Path target) throws IOException {
    checkOpen();
    if (!isComplete()) {
      throw new IllegalStateException("shard " + shard.name() + ": " + (shard.chunkCount() - receivedCount)
          + " chunks missing (" + missing() + ")");
    }
    data.force(true);
    long size = data.size();
    MessageDigest md = ChunkPlanner.sha256();
    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    for (long at = 0; ; ) {
      buf.clear();
      int n = data.read(buf, at);
      if (n < 0) {
        break;
      }
      md.update(buf.array(), 0, n);
      at += n;
    }
    closeChannels();
    String actual = HexFormat.of().formatHex(md.digest());
    if (size != shard.bytes() || !actual.equals(shard.sha256())) {
      deleteFiles();
      throw new PlanRejectedException(RejectReason.DIGEST_MISMATCH, "shard " + shard.name(),
          size != shard.bytes() ? "assembled file has " + size + " bytes, the offer says " + shard.bytes()
              : "whole-file SHA-256 " + actual + " differs from the offer's " + shard.sha256()
                  + "; partial file deleted");
    }
    Path abs = target.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Files.move(part, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(abs.getParent());
    Files.deleteIfExists(state);
    return target;
  }

  /** Closes and deletes the partial files (the transfer is abandoned). */
  public synchronized void discard() throws IOException {
    closeChannels();
    deleteFiles();
  }

  /** Closes the files, keeping them for a later {@link #open} to resume. */
  @Override
  public synchronized void close() throws IOException {
    closeChannels();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("shard " + shard.name() + ": assembler is closed");
    }
  }

  private void closeChannels() throws IOException {
    closed = true;
    try (FileChannel d = data; FileChannel s = stateChannel) {
      data = null;
      stateChannel = null;
    }
  }

  private void deleteFiles() throws IOException {
    Files.deleteIfExists(part);
    Files.deleteIfExists(state);
  }

  private void writeBitmapByte(int chunk) throws IOException {
    int byteIndex = chunk / 8;
    int v = 0;
    for (int k = 0; k < 8; k++) {
      if (received.get(byteIndex * 8 + k)) {
        v |= 1 << k;
      }
    }
    ByteBuffer b = ByteBuffer.wrap(new byte[] {(byte) v});
    while (b.hasRemaining()) {
      stateChannel.write(b, STATE_HEADER_BYTES + byteIndex);
    }
  }

  private static ByteBuffer header(ShardOffer shard) {
    ByteBuffer h = ByteBuffer.allocate(STATE_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(STATE_MAGIC).put((byte) STATE_VERSION).put(new byte[3]);
    h.putLong(shard.bytes()).putInt(shard.chunkBytes()).putInt(shard.chunkCount());
    h.put(HexFormat.of().parseHex(shard.sha256()));
    return h.flip();
  }

  private static int bitmapBytes(ShardOffer shard) {
    return (shard.chunkCount() + 7) / 8;
  }

  private static void writeFreshState(Path state, ShardOffer shard) throws IOException {
    Path tmp = state.resolveSibling(state.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer h = header(shard);
      while (h.hasRemaining()) {
        ch.write(h);
      }
      ByteBuffer zeros = ByteBuffer.allocate(Math.min(bitmapBytes(shard), 1 << 16));
      for (long left = bitmapBytes(shard); left > 0; left -= zeros.limit()) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), left));
        while (zeros.hasRemaining()) {
          ch.write(zeros);
        }
      }
      ch.force(true);
    }
    Files.move(tmp, state, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The bitmap of a state file that matches {@code shard}, or null if absent, damaged or for another shard. */
  private static BitSet readState(Path state, ShardOffer shard) throws IOException {
    if (!Files.isRegularFile(state) || Files.size(state) != STATE_HEADER_BYTES + (long) bitmapBytes(shard)) {
      return null;
    }
    byte[] all = Files.readAllBytes(state);
    ByteBuffer expected = header(shard);
    if (!ByteBuffer.wrap(all, 0, STATE_HEADER_BYTES).equals(expected)) {
      return null;
    }
    BitSet b = BitSet.valueOf(Arrays.copyOfRange(all, STATE_HEADER_BYTES, all.length));
    if (b.length() > shard.chunkCount()) {
      return null; // bits beyond the last chunk: not ours
    }
    return b;
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not every platform can sync a directory; the rename itself is atomic
    }
  }
}
