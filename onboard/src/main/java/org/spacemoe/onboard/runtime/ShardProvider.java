package org.spacemoe.onboard.runtime;

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

  /** Hidden size of the model. */
  int hidden();
}
