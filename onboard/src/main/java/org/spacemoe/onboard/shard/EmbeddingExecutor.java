package org.spacemoe.onboard.shard;

/** Runs the embedding shard: a token id to its hidden state. */
public interface EmbeddingExecutor extends AutoCloseable {
  /**
   * @param token a token id in {@code [0, vocab)}
   * @return the hidden state, length d
   */
  float[] embed(int token);

  @Override
  void close();
}
