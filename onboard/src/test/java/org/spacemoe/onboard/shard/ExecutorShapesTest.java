package org.spacemoe.onboard.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.model.onnx.WeightFormat;

class ExecutorShapesTest {
  private final Path dir = TinyModel.tiny(WeightFormat.FP32);

  @Test
  void gatewayOutputsHaveTheContractShapesAndTheCacheGrowsByOneRow() throws Exception {
    ShardLoader loader = ShardLoader.open(dir);
    try (EmbeddingExecutor embed = loader.embedding(); GatewayExecutor gw = loader.gateway(1)) {
      KvCache cache = new KvCache(32);
      float[] firstKeys = null;
      for (int t = 0; t < 4; t++) {
        assertEquals(t, cache.length());
        GatewayOutput out = gw.step(embed.embed(10 + t), cache);
        assertEquals(32, out.attnOut().length);
        assertEquals(32, out.moeIn().length);
        assertEquals(4, out.routerLogits().length);
        assertEquals(t + 1, cache.length());
        assertEquals((t + 1) * 32, cache.keys().length);
        assertEquals((t + 1) * 32, cache.values().length);
        if (firstKeys == null) {
          firstKeys = cache.keys();
        }
        assertArrayEquals(firstKeys, Arrays.copyOf(cache.keys(), 32), "earlier rows stay");
      }
      cache.clear();
      assertEquals(0, cache.length());
    }
  }

  @Test
  void aTokenAloneAttendsToItself() throws Exception {
    // with an empty cache softmax over one score is 1: attn_out = hidden + v Wo does not depend on q or k
    ShardLoader loader = ShardLoader.open(dir);
    try (GatewayExecutor gw = loader.gateway(0)) {
      float[] h = new float[32];
      h[0] = 1;
      GatewayOutput a = gw.step(h, new KvCache(32));
      GatewayOutput b = gw.step(h, new KvCache(32));
      assertArrayEquals(a.attnOut(), b.attnOut());
      KvCache twice = new KvCache(32);
      gw.step(h, twice);
      GatewayOutput c = gw.step(h, twice);
      // attending to two identical tokens gives the same context as to one
      for (int i = 0; i < 32; i++) {
        assertEquals(a.attnOut()[i], c.attnOut()[i], 1e-6);
      }
    }
  }

  @Test
  void badArgumentsAreRejected() throws Exception {
    ShardLoader loader = ShardLoader.open(dir);
    try (EmbeddingExecutor embed = loader.embedding(); GatewayExecutor gw = loader.gateway(0);
        ExpertExecutor ex = loader.expert(0, 0); HeadExecutor head = loader.head()) {
      assertThrows(IllegalArgumentException.class, () -> embed.embed(64));
      assertThrows(IllegalArgumentException.class, () -> embed.embed(-1));
      assertThrows(IllegalArgumentException.class, () -> gw.step(new float[31], new KvCache(32)));
      assertThrows(IllegalArgumentException.class, () -> gw.step(new float[32], new KvCache(16)));
      assertThrows(IllegalArgumentException.class, () -> ex.run(new float[33]));
      assertThrows(IllegalArgumentException.class, () -> head.logits(new float[0]));
    }
  }
}
