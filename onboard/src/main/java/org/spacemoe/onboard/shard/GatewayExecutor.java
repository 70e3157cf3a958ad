package org.spacemoe.onboard.shard;

/** Runs one layer's gateway shard: attention over the sequence's KV cache, second norm and router. */
public interface GatewayExecutor extends AutoCloseable {
  /**
   * Decodes one token: attends to the cached keys and values plus this token's own, then appends this token's
   * key and value to {@code cache}.
   *
   * @param hidden the layer input, length d
   * @param cache this layer's cache for the sequence (hidden size d), grown by one token
   */
  GatewayOutput step(float[] hidden, KvCache cache);

  @Override
  void close();
}
