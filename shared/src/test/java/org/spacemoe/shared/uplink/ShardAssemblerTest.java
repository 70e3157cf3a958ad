package org.spacemoe.shared.uplink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spacemoe.shared.plan.envelope.PlanRejectedException;
import org.spacemoe.shared.plan.envelope.RejectReason;
import org.spacemoe.shared.uplink.ShardAssembler.ChunkOutcome;

/** The receiver under cuts and corruption: stop at any point, restart from disk, resume with what is missing. */
class ShardAssemblerTest {
  private static final int CHUNK = 1000;

  @TempDir Path dir;
  private Path source;
  private byte[] content;
  private ShardOffer offer;
  private Path work;
  private Path target;

  @BeforeEach
  void shard() throws IOException {
    content = new byte[200 * CHUNK - 123]; // 200 chunks, the last one short
    new Random(42).nextBytes(content);
    source = dir.resolve("src/layer01.expert03.onnx");
    Files.createDirectories(source.getParent());
    Files.write(source, content);
    offer = ChunkPlanner.plan("layer01.expert03", source, CHUNK);
    work = dir.resolve("work");
    target = dir.resolve("shards/layer01.expert03.onnx");
  }

  private ShardChunk chunk(int i) throws IOException {
    return ChunkPlanner.read(source, 9, 0, offer, i);
  }

  private List<Integer> shuffledIndexes(long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < offer.chunkCount(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    return order;
  }

  private Path part() {
    return work.resolve("layer01.expert03" + ShardAssembler.PART_SUFFIX);
  }

  private Path state() {
    return work.resolve("layer01.expert03" + ShardAssembler.STATE_SUFFIX);
  }

  /** Cut after 10%, 50%, 99% and all of the chunks, in random order; restart; resume with exactly the rest. */
  @ParameterizedTest(name = "cut after {0} chunks")
  @ValueSource(ints = {20, 100, 198, 200})
  void cutAndResume(int cut) throws IOException {
    assertEquals(200, offer.chunkCount());
    List<Integer> order = shuffledIndexes(cut);
    BitSet sent = new BitSet();
    ShardAssembler a = ShardAssembler.open(work, offer);
    assertEquals(MissingChunks.all(200), a.missing());
    for (int k = 0; k < cut; k++) {
      assertEquals(ChunkOutcome.STORED, a.accept(chunk(order.get(k))));
      sent.set(order.get(k));
    }
    // a crash: the object is dropped without close(); only the files remain
    ShardAssembler b = ShardAssembler.open(work, offer);
    a.close();
    assertEquals(0, b.droppedOnOpen());
    assertEquals(MissingChunks.notReceived(sent, 200), b.missing());
    assertEquals(cut, b.receivedCount());
    assertEquals(200 - cut, b.missing().count());
    // resume sends only the missing chunks
    List<Integer> resent = new ArrayList<>();
    b.missing().forEach(resent::add);
    for (int i : resent) {
      assertFalse(sent.get(i));
      assertEquals(ChunkOutcome.STORED, b.accept(chunk(i)));
    }
    assertTrue(b.isComplete());
    assertTrue(b.missing().isEmpty());
    assertEquals(target, b.finish(target));
    assertArrayEquals(content, Files.readAllBytes(target));
    assertFalse(Files.exists(part()));
    assertFalse(Files.exists(state()));
  }

  @Test
  void flippedByteInAChunkIsRefusedAndStaysMissing() throws IOException {
    try (ShardAssembler a = ShardAssembler.open(work, offer)) {
      ShardChunk good = chunk(7);
      byte[] bad = good.payload().clone();
      bad[500] ^= 0x10;
      assertEquals(ChunkOutcome.BAD_DIGEST, a.accept(new ShardChunk(9, 0, 7, 200, bad)));
      assertTrue(a.missing().contains(7));
      assertEquals(ChunkOutcome.STORED, a.accept(good));
      assertEquals(ChunkOutcome.DUPLICATE, a.accept(good));
      assertEquals(ChunkOutcome.BAD_INDEX, a.accept(200, 200, good.payload()));
      assertEquals(ChunkOutcome.BAD_INDEX, a.accept(7, 201, good.payload()));
      assertEquals(ChunkOutcome.BAD_LENGTH, a.accept(8, 200, new byte[CHUNK - 1]));
      assertEquals(ChunkOutcome.BAD_LENGTH, a.accept(199, 200, new byte[CHUNK]));
      assertEquals(1, a.receivedCount());
    }
  }

  @Test
  void flippedByteInTheFinalFileIsRejectedAndDeleted() throws IOException {
    ShardAssembler a = ShardAssembler.open(work, offer);
    for (int i = 0; i < 200; i++) {
      a.accept(chunk(i));
    }
    try (RandomAccessFile f = new RandomAccessFile(part().toFile(), "rw")) {
      f.seek(12_345);
      int b = f.read();
      f.seek(12_345);
      f.write(b ^ 0x01);
    }
    PlanRejectedException e = assertThrows(PlanRejectedException.class, () -> a.finish(target));
    assertEquals(RejectReason.DIGEST_MISMATCH, e.reason());
    assertTrue(e.getMessage().startsWith("shard layer01.expert03: whole-file SHA-256 "), e.getMessage());
    assertFalse(Files.exists(part()));
    assertFalse(Files.exists(state()));
    assertFalse(Files.exists(target));
    // a new transfer starts from scratch
    try (ShardAssembler again = ShardAssembler.open(work, offer)) {
      assertEquals(MissingChunks.all(200), again.missing());
    }
  }

  @Test
  void trailingBytesInTheFinalFileAreRejected() throws IOException {
    ShardAssembler a = ShardAssembler.open(work, offer);
    for (int i = 0; i < 200; i++) {
      a.accept(chunk(i));
    }
    Files.write(part(), new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
    PlanRejectedException e = assertThrows(PlanRejectedException.class, () -> a.finish(target));
    assertEquals(RejectReason.DIGEST_MISMATCH, e.reason());
    assertTrue(e.getMessage().contains("bytes"), e.getMessage());
  }

  /** The state file says a chunk arrived but its bytes on disk are wrong (torn write, bit rot): missing again. */
  @Test
  void reopenRechecksStoredChunks() throws IOException {
    ShardAssembler a = ShardAssembler.open(work, offer);
    for (int i = 0; i < 50; i++) {
      a.accept(chunk(i));
    }
    a.close();
    try (RandomAccessFile f = new RandomAccessFile(part().toFile(), "rw")) {
      f.seek(3L * CHUNK + 10);
      f.write(0xFF ^ content[3 * CHUNK + 10]);
      f.setLength(45L * CHUNK + 1); // chunks 45..49 cut off
    }
    try (ShardAssembler b = ShardAssembler.open(work, offer)) {
      assertEquals(6, b.droppedOnOpen());
      assertEquals("3,45-199", b.missing().format());
    }
    // and the bitmap on disk was corrected
    try (ShardAssembler c = ShardAssembler.open(work, offer)) {
      assertEquals(0, c.droppedOnOpen());
      assertEquals("3,45-199", c.missing().format());
    }
  }

  @Test
  void stateOfAnotherShardOrDamagedStateStartsOver() throws IOException {
    ShardAssembler a = ShardAssembler.open(work, offer);
    for (int i = 0; i < 10; i++) {
      a.accept(chunk(i));
    }
    a.close();
    byte[] other = content.clone();
    other[0] ^= 1;
    Files.write(source, other);
    ShardOffer changed = ChunkPlanner.plan("layer01.expert03", source, CHUNK);
    try (ShardAssembler b = ShardAssembler.open(work, changed)) {
      assertEquals(MissingChunks.all(200), b.missing());
    }
    Files.write(source, content);
    try (ShardAssembler b = ShardAssembler.open(work, offer)) {
      assertEquals(MissingChunks.all(200), b.missing(), "the partial file of the other content was dropped");
      b.accept(chunk(0));
    }
    Files.write(state(), new byte[] {1, 2, 3});
    try (ShardAssembler c = ShardAssembler.open(work, offer)) {
      assertEquals(MissingChunks.all(200), c.missing());
    }
    Files.delete(part());
    try (ShardAssembler d = ShardAssembler.open(work, offer)) {
      assertEquals(MissingChunks.all(200), d.missing());
    }
  }

  @Test
  void finishRequiresEveryChunkAndDiscardCleansUp() throws IOException {
    ShardAssembler a = ShardAssembler.open(work, offer);
    a.accept(chunk(0));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.finish(target));
    assertTrue(e.getMessage().contains("199 chunks missing (1-199)"), e.getMessage());
    a.discard();
    assertFalse(Files.exists(part()));
    assertFalse(Files.exists(state()));
    assertThrows(IllegalStateException.class, () -> a.accept(chunk(1)));
  }

  @Test
  void finishReplacesAnExistingTarget() throws IOException {
    Files.createDirectories(target.getParent());
    Files.write(target, new byte[] {1, 2, 3});
    ShardAssembler a = ShardAssembler.open(work, offer);
    for (int i : shuffledIndexes(1)) {
      a.accept(chunk(i));
    }
    a.finish(target);
    assertArrayEquals(content, Files.readAllBytes(target));
  }

  @Test
  void oneChunkShard() throws IOException {
    Path f = dir.resolve("tiny");
    Files.write(f, new byte[] {7});
    ShardOffer o = ChunkPlanner.plan("tiny", f, ShardChunk.DEFAULT_CHUNK_BYTES);
    try (ShardAssembler a = ShardAssembler.open(work, o)) {
      assertEquals("0", a.missing().format());
      assertEquals(ChunkOutcome.STORED, a.accept(ChunkPlanner.read(f, 1, 0, o, 0)));
      a.finish(dir.resolve("out/tiny"));
    }
    assertArrayEquals(new byte[] {7}, Files.readAllBytes(dir.resolve("out/tiny")));
  }
}
