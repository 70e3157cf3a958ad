package org.spacemoe.onboard.shard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.spacemoe.modelexport.MoeModelExporter;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.WeightFormat;

/** Exported test models, written once per JVM into a temporary directory (deleted on exit). */
public final class TinyModel {
  private static final Map<String, Path> CACHE = new ConcurrentHashMap<>();

  private TinyModel() {}

  public static Path tiny(WeightFormat weights) {
    return export(MoeModelShape.TINY, 7, 1.0, weights);
  }

  public static Path export(MoeModelShape shape, long seed, double zipf, WeightFormat weights) {
    String key = shape.name() + "-" + seed + "-" + zipf + "-" + weights.wireName();
    return CACHE.computeIfAbsent(key, k -> {
      try {
        Path dir = Files.createTempDirectory("spacemoe-" + k);
        MoeModelExporter.export(shape, seed, zipf, weights, dir);
        deleteOnExit(dir);
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static void deleteOnExit(Path dir) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // best effort
      }
    }));
  }
}
