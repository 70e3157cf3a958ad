package org.spacemoe.onboard.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.model.onnx.WeightFormat;

class ShardLoaderTest {
  @TempDir Path tmp;

  @Test
  void everyTinyShardLoadsInBothWeightFormats() throws Exception {
    for (WeightFormat w : WeightFormat.values()) {
      ShardLoader loader = ShardLoader.open(TinyModel.tiny(w));
      try (ModelExecutors all = loader.loadAll()) {
        assertEquals(32, all.embedding().embed(5).length);
        assertEquals(64, all.head().logits(new float[32]).length);
        for (int l = 0; l < 2; l++) {
          for (int e = 0; e < 4; e++) {
            assertEquals(32, all.expert(l, e).run(new float[32]).length);
          }
        }
      }
    }
  }

  @Test
  void intraOpThreadsAreConfigurable() throws Exception {
    Path dir = TinyModel.tiny(WeightFormat.FP32);
    try (ExpertExecutor one = new ShardLoader(dir, ModelManifest.read(dir)).expert(1, 1);
        ExpertExecutor two = new ShardLoader(dir, ModelManifest.read(dir), 2).expert(1, 1)) {
      float[] x = new float[32];
      x[3] = 1;
      assertEquals(java.util.Arrays.toString(one.run(x)), java.util.Arrays.toString(two.run(x)));
    }
    assertThrows(IllegalArgumentException.class,
        () -> new ShardLoader(dir, ModelManifest.read(dir), 0));
  }

  @Test
  void aChangedByteIsASha256Mismatch() throws Exception {
    Path dir = copy(TinyModel.tiny(WeightFormat.FP32));
    Path file = dir.resolve("layer01.expert02.onnx");
    byte[] b = Files.readAllBytes(file);
    b[b.length - 10] ^= 1;
    Files.write(file, b);
    ShardLoader loader = ShardLoader.open(dir);
    ShardLoadException e = assertThrows(ShardLoadException.class, () -> loader.expert(1, 2));
    assertEquals("layer01.expert02", e.shard());
    assertTrue(e.reason().startsWith("SHA-256 mismatch"), e.reason());
    assertTrue(e.getMessage().startsWith("shard layer01.expert02: SHA-256 mismatch"), e.getMessage());
    ShardLoadException all = assertThrows(ShardLoadException.class, loader::loadAll);
    assertEquals("layer01.expert02", all.shard());
    loader.expert(1, 1).close();
  }

  @Test
  void missingOrResizedFilesAreNamed() throws Exception {
    Path dir = copy(TinyModel.tiny(WeightFormat.FP32));
    Files.delete(dir.resolve("layer00.gateway.onnx"));
    Files.write(dir.resolve("head.onnx"), new byte[] {1}, StandardOpenOption.APPEND);
    ShardLoader loader = ShardLoader.open(dir);
    ShardLoadException missing = assertThrows(ShardLoadException.class, () -> loader.gateway(0));
    assertEquals("layer00.gateway", missing.shard());
    assertTrue(missing.reason().endsWith("is missing"), missing.reason());
    ShardLoadException resized = assertThrows(ShardLoadException.class, loader::head);
    assertEquals("head", resized.shard());
    assertTrue(resized.reason().contains("bytes, the manifest says"), resized.reason());
  }

  @Test
  void aFileOrtCannotParseIsRefusedEvenWithAMatchingDigest() throws Exception {
    Path dir = copy(TinyModel.tiny(WeightFormat.FP32));
    ModelManifest m = ModelManifest.read(dir);
    byte[] junk = new byte[100];
    Files.write(dir.resolve("embed.onnx"), junk);
    List<ShardEntry> shards = new ArrayList<>(m.shards());
    ShardEntry e = m.embed();
    shards.set(0, new ShardEntry(e.name(), e.file(), e.kind(), null, null,
        java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(junk)),
        junk.length, 0, 0, e.inputs(), e.outputs()));
    ModelManifest forged = new ModelManifest(m.format(), m.version(), m.preset(), m.shape(), m.seed(), m.zipf(),
        m.weights(), m.opset(), m.irVersion(), m.routerBiasScale(), shards);
    ShardLoadException ex = assertThrows(ShardLoadException.class,
        () -> new ShardLoader(dir, forged).embedding());
    assertEquals("embed", ex.shard());
    assertTrue(ex.reason().startsWith("ONNX Runtime refused it"), ex.reason());
  }

  @Test
  void aMissingManifestIsBadInput() {
    assertThrows(InvalidInputException.class, () -> ShardLoader.open(tmp));
  }

  private Path copy(Path from) throws IOException {
    Path to = Files.createTempDirectory(tmp, "copy");
    try (Stream<Path> files = Files.list(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.copy(p, to.resolve(p.getFileName()));
      }
    }
    return to;
  }
}
