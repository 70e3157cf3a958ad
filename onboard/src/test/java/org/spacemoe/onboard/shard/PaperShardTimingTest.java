package org.spacemoe.onboard.shard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.model.onnx.ModelManifest;

/**
 * Opt-in: times single paper-size shards. Export first ({@code export-model --preset paper --out DIR}), then run
 * with {@code JAVA_TOOL_OPTIONS=-Dspacemoe.paperDir=DIR}. Skipped otherwise.
 */
class PaperShardTimingTest {
  @Test
  void timeOneGatewayExpertAndHead() throws Exception {
    String dir = System.getProperty("spacemoe.paperDir");
    assumeTrue(dir != null, "set -Dspacemoe.paperDir to an exported paper model");
    ShardLoader loader = new ShardLoader(Path.of(dir), ModelManifest.read(Path.of(dir)));
    int d = loader.manifest().shape().hidden();
    float[] x = new float[d];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < d; i++) {
      x[i] = (float) r.nextGaussian();
    }
    long t0 = System.nanoTime();
    try (ExpertExecutor ex = loader.expert(0, 0)) {
      long t1 = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        ex.run(x);
      }
      long t2 = System.nanoTime();
      int n = 50;
      for (int i = 0; i < n; i++) {
        ex.run(x);
      }
      System.out.printf(Locale.ROOT, "paper expert (%s): load %.0f ms, %.2f ms per token%n",
          loader.manifest().weights().wireName(), (t1 - t0) / 1e6, (System.nanoTime() - t2) / 1e6 / n);
    }
    try (GatewayExecutor gw = loader.gateway(0)) {
      KvCache cache = new KvCache(d);
      for (int i = 0; i < 5; i++) {
        gw.step(x, cache);
      }
      long t = System.nanoTime();
      int n = 50;
      for (int i = 0; i < n; i++) {
        gw.step(x, cache);
      }
      System.out.printf(Locale.ROOT, "paper gateway: %.2f ms per token (context 5 to 55)%n",
          (System.nanoTime() - t) / 1e6 / n);
    }
    try (HeadExecutor head = loader.head()) {
      head.logits(x);
      long t = System.nanoTime();
      int n = 20;
      for (int i = 0; i < n; i++) {
        head.logits(x);
      }
      System.out.printf(Locale.ROOT, "paper head: %.2f ms per token%n", (System.nanoTime() - t) / 1e6 / n);
    }
  }
}
