package org.spacemoe.onboard.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.modelexport.MoeModelExporter;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.WeightFormat;

/**
 * Tensor-parallel shards on ONNX Runtime against the unsplit ones: the attention parts' terms summed and combined
 * give the gateway's outputs, their caches are the gateway's cache by head ranges, the head slices concatenated
 * are the head's logits (all within 1e-5), over steps of a growing KV cache.
 */
class OrtAttentionPartExecutorTest {
  private static final double TOLERANCE = 1e-5;
  /** 5 heads, split unevenly 2 (3+2), 3 (1+2+2) and 4 (1+1+1+2) ways; vocabulary 37. */
  private static final MoeModelShape ODD = new MoeModelShape("odd", 2, 2, 1, 30, 16, 37, 5);

  @TempDir static Path tmp;
  private static Path tiny;
  private static Path odd;

  @BeforeAll
  static void export() throws Exception {
    tiny = tmp.resolve("tiny");
    odd = tmp.resolve("odd");
    MoeModelExporter.export(MoeModelShape.TINY, 7, 1.0, WeightFormat.FP32, tiny, Set.of(2, 3, 4), (s, i, n) -> { });
    MoeModelExporter.export(ODD, 3, 1.0, WeightFormat.FP16, odd, Set.of(2, 3, 4), (s, i, n) -> { });
  }

  @Test
  void partsSummedAndCombinedAreTheGatewayForTheTinyModel() throws Exception {
    agreeWithTheGateway(tiny);
  }

  @Test
  void partsSummedAndCombinedAreTheGatewayWithHeadsNotDivisibleByTheWidth() throws Exception {
    agreeWithTheGateway(odd);
  }

  @Test
  void headSlicesConcatenatedAreTheHeadsLogits() throws Exception {
    for (Path dir : List.of(tiny, odd)) {
      ShardLoader loader = ShardLoader.open(dir);
      MoeModelShape s = loader.manifest().shape();
      SplittableRandom rnd = new SplittableRandom(5);
      try (HeadExecutor head = loader.head()) {
        for (int k = 2; k <= 4; k++) {
          List<HeadExecutor> slices = new ArrayList<>();
          try {
            for (int p = 0; p < k; p++) {
              slices.add(loader.headSlice(k, p));
            }
            for (int trial = 0; trial < 3; trial++) {
              float[] h = gaussian(rnd, s.hidden());
              float[] want = head.logits(h);
              float[] got = new float[s.vocab()];
              for (int p = 0; p < k; p++) {
                float[] part = slices.get(p).logits(h);
                int v0 = ShardContract.shareStart(s.vocab(), k, p);
                assertEquals(ShardContract.shareEnd(s.vocab(), k, p) - v0, part.length);
                System.arraycopy(part, 0, got, v0, part.length);
              }
              assertClose(want, got, "logits, width " + k);
            }
          } finally {
            slices.forEach(HeadExecutor::close);
          }
        }
      }
    }
  }

  @Test
  void aModelWithoutTheWidthNamesTheMissingShardAndTheOption() throws Exception {
    ShardLoader plain = ShardLoader.open(TinyModel.tiny(WeightFormat.FP32));
    ShardLoadException e = assertThrows(ShardLoadException.class, () -> plain.attentionPart(1, 2, 1));
    assertEquals("shard layer01.attn-w2-p1: model has no layer01.attn-w2-p1 shard: export with"
        + " --tensor-parallel-widths 2", e.getMessage());
    assertEquals("layer01.attn-w2-p1", e.shard());
    e = assertThrows(ShardLoadException.class, () -> plain.combine(0));
    assertEquals("layer00.combine", e.shard());
    e = assertThrows(ShardLoadException.class, () -> plain.headSlice(3, 2));
    assertEquals("shard head-w3-p2: model has no head-w3-p2 shard: export with --tensor-parallel-widths 3",
        e.getMessage());
    ShardLoader split = ShardLoader.open(tiny);
    assertThrows(IllegalArgumentException.class, () -> split.attentionPart(0, 2, 2));
    assertThrows(IllegalArgumentException.class, () -> split.headSlice(5, 0));
  }

  private static void agreeWithTheGateway(Path dir) throws Exception {
    ShardLoader loader = ShardLoader.open(dir);
    MoeModelShape s = loader.manifest().shape();
    int d = s.hidden();
    SplittableRandom rnd = new SplittableRandom(17);
    for (int layer = 0; layer < s.layers(); layer++) {
      try (GatewayExecutor gateway = loader.gateway(layer); CombineExecutor combine = loader.combine(layer)) {
        for (int k = 2; k <= 4; k++) {
          List<AttentionPartExecutor> parts = new ArrayList<>();
          try {
            for (int p = 0; p < k; p++) {
              AttentionPartExecutor a = loader.attentionPart(layer, k, p);
              parts.add(a);
              assertEquals(s.headDim() * (ShardContract.shareEnd(s.heads(), k, p)
                  - ShardContract.shareStart(s.heads(), k, p)), a.cacheWidth());
            }
            for (int sequence = 0; sequence < 2; sequence++) {
              runSequence(s, gateway, combine, parts, rnd, 4, "layer " + layer + " width " + k);
            }
          } finally {
            parts.forEach(AttentionPartExecutor::close);
          }
        }
      }
    }
  }

  private static void runSequence(MoeModelShape s, GatewayExecutor gateway, CombineExecutor combine,
      List<AttentionPartExecutor> parts, SplittableRandom rnd, int steps, String what) {
    int d = s.hidden();
    int k = parts.size();
    KvCache whole = new KvCache(d);
    List<KvCache> caches = new ArrayList<>();
    parts.forEach(p -> caches.add(new KvCache(p.cacheWidth())));
    for (int step = 0; step < steps; step++) {
      float[] h = gaussian(rnd, d);
      GatewayOutput want = gateway.step(h, whole);
      float[] sum = new float[d];
      for (int p = 0; p < k; p++) {
        float[] term = parts.get(p).step(h, caches.get(p));
        assertEquals(d, term.length);
        for (int i = 0; i < d; i++) {
          sum[i] += term[i];
        }
      }
      GatewayOutput got = combine.combine(h, sum);
      String at = what + " step " + step;
      assertClose(want.attnOut(), got.attnOut(), "attn_out, " + at);
      assertClose(want.moeIn(), got.moeIn(), "moe_in, " + at);
      assertClose(want.routerLogits(), got.routerLogits(), "router_logits, " + at);
      assertEquals(step + 1, whole.length());
      float[] keys = new float[whole.length() * d];
      float[] values = new float[whole.length() * d];
      for (int p = 0; p < k; p++) {
        KvCache c = caches.get(p);
        assertEquals(step + 1, c.length());
        int c0 = ShardContract.shareStart(s.heads(), k, p) * s.headDim();
        int w = c.hidden();
        for (int t = 0; t < c.length(); t++) {
          System.arraycopy(c.keys(), t * w, keys, t * d + c0, w);
          System.arraycopy(c.values(), t * w, values, t * d + c0, w);
        }
      }
      assertClose(whole.keys(), keys, "keys, " + at);
      assertClose(whole.values(), values, "values, " + at);
    }
  }

  private static void assertClose(float[] want, float[] got, String what) {
    assertEquals(want.length, got.length, what);
    for (int i = 0; i < want.length; i++) {
      double diff = Math.abs(want[i] - got[i]);
      if (!(diff <= TOLERANCE)) {
        throw new AssertionError(what + "[" + i + "]: " + got[i] + ", the unsplit shard " + want[i]
            + " (diff " + diff + ")");
      }
    }
  }

  private static float[] gaussian(SplittableRandom rnd, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      double u = rnd.nextDouble();
      double w = rnd.nextDouble();
      v[i] = (float) (Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w));
    }
    return v;
  }
}
