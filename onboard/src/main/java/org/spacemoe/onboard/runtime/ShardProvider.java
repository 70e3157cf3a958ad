package org.spacemoe.onboard.runtime;

import org.spacemoe.onboard.shard.AttentionPartExecutor;
import org.spacemoe.onboard.shard.CombineExecutor;
import org.spacemoe.onboard.shard.EmbeddingExecutor;
import org.spacemoe.onboard.shard.ExpertExecutor;
import org.spacemoe.onboard.shard.GatewayExecutor;
import org.spacemoe.onboard.shard.HeadExecutor;

/** Executors for the shards a node needs; each call opens (and verifies) one shard. */
interface ShardProvider {
  EmbeddingExecutor embedding() throws Exception;

  GatewayExecutor gateway(int layer) throws Exception;

  ExpertExecutor expert(int layer, int expert) throws Exception;

  HeadExecutor head() throws Exception;

  /** Share {@code part} (0-based, 0 = the lead's) of layer {@code layer}'s attention split {@code width} ways. */
  AttentionPartExecutor attentionPart(int layer, int width, int part) throws Exception;

  /** Layer {@code layer}'s combine shard (residual, second norm, router) for its split lead. */
  CombineExecutor combine(int layer) throws Exception;

  /** Vocabulary slice {@code part} (0-based, 0 = the lead's) of the LM head split {@code width} ways. */
  HeadExecutor headSlice(int width, int part) throws Exception;

  /** Hidden size of the model. */
  int hidden();
}
