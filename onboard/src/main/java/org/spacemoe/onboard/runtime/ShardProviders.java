package org.spacemoe.onboard.runtime;

import java.nio.file.Path;
import org.spacemoe.onboard.shard.AttentionPartExecutor;
import org.spacemoe.onboard.shard.CombineExecutor;
import org.spacemoe.onboard.shard.EmbeddingExecutor;
import org.spacemoe.onboard.shard.ExpertExecutor;
import org.spacemoe.onboard.shard.GatewayExecutor;
import org.spacemoe.onboard.shard.HeadExecutor;
import org.spacemoe.onboard.shard.ShardLoader;
import org.spacemoe.shared.model.onnx.ModelManifest;

/** Opens shards from a model directory with ONNX Runtime, each checked against its manifest SHA-256. */
final class ShardProviders {
  private ShardProviders() {}

  static ShardProvider open(Path modelDir, int intraOpThreads) {
    ShardLoader loader = new ShardLoader(modelDir, ModelManifest.read(modelDir), intraOpThreads);
    return new ShardProvider() {
      @Override
      public EmbeddingExecutor embedding() throws Exception {
        return loader.embedding();
      }

      @Override
      public GatewayExecutor gateway(int layer) throws Exception {
        return loader.gateway(layer);
      }

      @Override
      public ExpertExecutor expert(int layer, int expert) throws Exception {
        return loader.expert(layer, expert);
      }

      @Override
      public HeadExecutor head() throws Exception {
        return loader.head();
      }

      @Override
      public AttentionPartExecutor attentionPart(int layer, int width, int part) throws Exception {
        return loader.attentionPart(layer, width, part);
      }

      @Override
      public CombineExecutor combine(int layer) throws Exception {
        return loader.combine(layer);
      }

      @Override
      public HeadExecutor headSlice(int width, int part) throws Exception {
        return loader.headSlice(width, part);
      }

      @Override
      public int hidden() {
        return loader.manifest().shape().hidden();
      }
    };
  }
}
