package org.spacemoe.shared.uplink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.input.InvalidInputException;

class ChunkPlannerTest {
  @TempDir Path dir;

  static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void digestsOfWholeAndEveryChunk() throws Exception {
    byte[] content = new byte[10_000];
    new Random(3).nextBytes(content);
    Path f = dir.resolve("s.onnx");
    Files.write(f, content);
    for (int chunk : new int[] {1, 7, 4096, 5000, 9999, 10_000, 10_001, ShardChunk.DEFAULT_CHUNK_BYTES}) {
      ShardOffer o = ChunkPlanner.plan("s", f, chunk);
      assertEquals(sha(content), o.sha256());
      assertEquals(content.length, o.bytes());
      assertEquals((content.length + chunk - 1) / chunk, o.chunkCount());
      for (int i = 0; i < o.chunkCount(); i += Math.max(1, o.chunkCount() / 50)) {
        byte[] part = Arrays.copyOfRange(content, i * chunk, Math.min(content.length, (i + 1) * chunk));
        assertEquals(sha(part), o.chunkSha256().get(i), "chunk " + i + " of size " + chunk);
        ShardChunk c = ChunkPlanner.read(f, 5, 2, o, i);
        assertArrayEquals(part, c.payload());
        assertEquals(o.chunkCount(), c.chunkCount());
        assertEquals(2, c.shardIndex());
      }
      int last = o.chunkCount() - 1;
      assertEquals(content.length - (long) last * chunk, o.chunkLength(last));
    }
  }

  @Test
  void sizesAtChunkBoundaries() throws Exception {
    for (int size : new int[] {1, 63, 64, 65, 128}) {
      Path f = dir.resolve("b" + size);
      Files.write(f, new byte[size]);
      ShardOffer o = ChunkPlanner.plan("b", f, 64);
      assertEquals((size + 63) / 64, o.chunkCount(), "size " + size);
      assertEquals(size % 64 == 0 ? 64 : size % 64, o.chunkLength(o.chunkCount() - 1));
    }
  }

  @Test
  void badFiles() throws IOException {
    Path empty = dir.resolve("empty.onnx");
    Files.createFile(empty);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ChunkPlanner.plan("e", empty, 64));
    assertTrue(e.getMessage().startsWith(empty + ": "), e.getMessage());
    Path missing = dir.resolve("missing.onnx");
    assertEquals(missing + ": no such file",
        assertThrows(InvalidInputException.class, () -> ChunkPlanner.plan("m", missing, 64)).getMessage());
    assertThrows(InvalidInputException.class, () -> ChunkPlanner.plan("m", empty, 0));
    Path shrunk = dir.resolve("shrunk");
    Files.write(shrunk, new byte[100]);
    ShardOffer o = ChunkPlanner.plan("s", shrunk, 64);
    Files.write(shrunk, new byte[70]);
    assertThrows(IOException.class, () -> ChunkPlanner.read(shrunk, 1, 0, o, 1));
  }
}
