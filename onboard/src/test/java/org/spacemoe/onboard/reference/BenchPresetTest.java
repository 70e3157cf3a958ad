package org.spacemoe.onboard.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spacemoe.onboard.shard.ModelExecutors;
import org.spacemoe.onboard.shard.ShardLoader;
import org.spacemoe.onboard.shard.TinyModel;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.RouterBias;
import org.spacemoe.shared.model.onnx.WeightFormat;

/**
 * The bench preset (32 layers x 8 experts, d=128) in one process: all 290 sessions load, hidden states stay
 * healthy over 32 layers, greedy decoding is not stuck on one token, expert popularity follows the Zipf skew,
 * and the time per token (printed, not asserted).
 */
class BenchPresetTest {
  private static ModelExecutors model;
  private static ModelManifest manifest;

  @BeforeAll
  static void load() throws Exception {
    long t0 = System.nanoTime();
    Path dir = TinyModel.export(MoeModelShape.BENCH, 7, 1.0, WeightFormat.FP32);
    long t1 = System.nanoTime();
    ShardLoader loader = ShardLoader.open(dir);
    manifest = loader.manifest();
    model = loader.loadAll();
    long t2 = System.nanoTime();
    System.out.printf(Locale.ROOT, "bench: export %.1f s (%d shards, %.1f MB), load %.1f s%n", (t1 - t0) / 1e9,
        manifest.shards().size(), manifest.totalBytes() / 1e6, (t2 - t1) / 1e9);
  }

  @AfterAll
  static void close() {
    if (model != null) {
      model.close();
    }
  }

  @Test
  void hiddenStatesStayHealthyAndGreedyTokensVary() {
    ReferenceGenerator.Generation g = new ReferenceGenerator(model).generate(new int[] {11, 300, 42, 7, 99}, 32);
    double[] rmsPerLayer = new double[32];
    for (ReferenceGenerator.Step s : g.steps()) {
      for (int l = 0; l < 32; l++) {
        double sq = 0;
        for (float v : s.layerHidden()[l]) {
          assertTrue(Float.isFinite(v), "finite hidden state, step " + s.position() + " layer " + l);
          sq += v * v;
        }
        rmsPerLayer[l] = Math.max(rmsPerLayer[l], Math.sqrt(sq / 128));
      }
    }
    long distinct = Arrays.stream(g.generated()).distinct().count();
    System.out.printf(Locale.ROOT, "bench greedy: %s (%d distinct)%n  max RMS of the hidden state after layer 1, 8, "
        + "16, 32: %.2f %.2f %.2f %.2f%n", Arrays.toString(g.generated()), distinct, rmsPerLayer[0], rmsPerLayer[7],
        rmsPerLayer[15], rmsPerLayer[31]);
    assertTrue(distinct > 1, "greedy tokens are not all the same");
    assertTrue(rmsPerLayer[31] < 100, "hidden states stay O(1)-ish: " + rmsPerLayer[31]);
  }

  @Test
  void expertPopularityFollowsTheZipfSkew() {
    int[] prompt = new SplittableRandom(1).ints(200, 0, 512).toArray();
    ReferenceGenerator.Generation g = new ReferenceGenerator(model).generate(prompt, 1);
    double[] shares = new double[8];
    int[] topPerLayer = new int[8];
    for (int l = 0; l < 32; l++) {
      int[] counts = new int[8];
      for (ReferenceGenerator.Step s : g.steps()) {
        for (int e : s.selectedExperts()[l]) {
          counts[e]++;
          shares[e]++;
        }
      }
      int top = 0;
      for (int e = 1; e < 8; e++) {
        if (counts[e] > counts[top]) {
          top = e;
        }
      }
      topPerLayer[top]++;
    }
    double total = Arrays.stream(shares).sum();
    for (int e = 0; e < 8; e++) {
      shares[e] /= total;
    }
    System.out.printf(Locale.ROOT, "bench zipf 1.0 over %d tokens x 32 layers:%n  measured %s%n  target   %s "
        + "(planner, Plackett-Luce)%n  gaussian %s (ideal router noise)%n  most popular expert per layer: %s%n",
        g.steps().size(), fmt(shares), fmt(RouterBias.plannerShares(8, 2, 1.0)),
        fmt(RouterBias.gaussianShares(8, 2, 1.0)), Arrays.toString(topPerLayer));
    // measured at seed 7: 0.312 0.200 0.138 0.101 0.085 0.065 0.052 0.047, expert 0 on top in all 32 layers
    double[] target = RouterBias.plannerShares(8, 2, 1.0);
    for (int e = 0; e < 8; e++) {
      assertEquals(target[e], shares[e], 0.03, "expert " + e + " share");
    }
    for (int e = 1; e < 8; e++) {
      assertTrue(shares[0] > shares[e], "expert 0 is the most popular overall");
    }
    assertTrue(topPerLayer[0] >= 28, "expert 0 is the most popular in (almost) every layer: " + topPerLayer[0]);
  }

  @Test
  void timePerToken() {
    ReferenceGenerator gen = new ReferenceGenerator(model);
    gen.generate(new int[] {1, 2, 3}, 8);
    int[] prompt = {5, 6, 7, 8, 9, 10, 11, 12};
    int tokens = 64;
    long t0 = System.nanoTime();
    ReferenceGenerator.Generation g = gen.generate(prompt, tokens);
    long ns = System.nanoTime() - t0;
    int steps = g.steps().size();
    System.out.printf(Locale.ROOT, "bench reference generator: %.2f ms per token (%d steps, %d new tokens, "
        + "1 intra-op thread, ~%d session runs per token)%n", ns / 1e6 / steps, steps, tokens, 1 + 32 * 3 + 1);
  }

  static String fmt(double[] v) {
    StringBuilder b = new StringBuilder();
    for (double x : v) {
      b.append(String.format(Locale.ROOT, "%.3f ", x));
    }
    return b.toString().trim();
  }
}
