package org.spacemoe.onboard.liveness;

import org.spacemoe.onboard.shard.AttentionPartExecutor;
import org.spacemoe.onboard.shard.CombineExecutor;
import org.spacemoe.onboard.shard.EmbeddingExecutor;
import org.spacemoe.onboard.shard.ExpertExecutor;
import org.spacemoe.onboard.shard.GatewayExecutor;
import org.spacemoe.onboard.shard.GatewayOutput;
import org.spacemoe.onboard.shard.HeadExecutor;
import org.spacemoe.onboard.shard.KvCache;

/**
 * Decorators that register every run of a shard executor with a {@link RunMonitor}, under the satellite it runs
 * for and a label naming the shard ({@code embedding}, {@code gateway L5}, {@code expert L3/E2}, {@code head}).
 * Closing a decorator closes its executor.
 */
public final class MonitoredExecutors {
  private MonitoredExecutors() {}

  public static EmbeddingExecutor embedding(EmbeddingExecutor e, RunMonitor m, String satellite, long nominalNanos) {
    return new EmbeddingExecutor() {
      @Override
      public float[] embed(int token) {
        return m.watch(satellite, "embedding", nominalNanos, e, () -> e.embed(token));
      }

      @Override
      public void close() {
        e.close();
      }
    };
  }

  public static GatewayExecutor gateway(GatewayExecutor g, RunMonitor m, String satellite, int layer,
      long nominalNanos) {
    String label = "gateway L" + layer;
    return new GatewayExecutor() {
      @Override
      public GatewayOutput step(float[] hidden, KvCache cache) {
        return m.watch(satellite, label, nominalNanos, g, () -> g.step(hidden, cache));
      }

      @Override
      public void close() {
        g.close();
      }
    };
  }

  public static ExpertExecutor expert(ExpertExecutor x, RunMonitor m, String satellite, int layer, int expert,
      long nominalNanos) {
    String label = "expert L" + layer + "/E" + expert;
    return new ExpertExecutor() {
      @Override
      public float[] run(float[] in) {
        return m.watch(satellite, label, nominalNanos, x, () -> x.run(in));
      }

      @Override
      public void close() {
        x.close();
      }
    };
  }

  public static HeadExecutor head(HeadExecutor h, RunMonitor m, String satellite, long nominalNanos) {
    return new HeadExecutor() {
      @Override
      public float[] logits(float[] hidden) {
        return m.watch(satellite, "head", nominalNanos, h, () -> h.logits(hidden));
      }

      @Override
      public void close() {
        h.close();
      }
    };
  }

  public static AttentionPartExecutor attentionPart(AttentionPartExecutor a, RunMonitor m, String satellite,
      int layer, int width, int part, long nominalNanos) {
    String label = "attention L" + layer + " w" + width + "/p" + part;
    return new AttentionPartExecutor() {
      @Override
      public float[] step(float[] hidden, KvCache cache) {
        return m.watch(satellite, label, nominalNanos, a, () -> a.step(hidden, cache));
      }

      @Override
      public int cacheWidth() {
        return a.cacheWidth();
      }

      @Override
      public void close() {
        a.close();
      }
    };
  }

  public static CombineExecutor combine(CombineExecutor c, RunMonitor m, String satellite, int layer,
      long nominalNanos) {
    String label = "combine L" + layer;
    return new CombineExecutor() {
      @Override
      public GatewayOutput combine(float[] hidden, float[] attentionSum) {
        return m.watch(satellite, label, nominalNanos, c, () -> c.combine(hidden, attentionSum));
      }

      @Override
      public void close() {
        c.close();
      }
    };
  }

  public static HeadExecutor headSlice(HeadExecutor h, RunMonitor m, String satellite, int width, int part,
      long nominalNanos) {
    String label = "head w" + width + "/p" + part;
    return new HeadExecutor() {
      @Override
      public float[] logits(float[] hidden) {
        return m.watch(satellite, label, nominalNanos, h, () -> h.logits(hidden));
      }

      @Override
      public void close() {
        h.close();
      }
    };
  }
}
