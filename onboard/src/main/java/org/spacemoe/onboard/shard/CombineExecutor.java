package org.spacemoe.onboard.shard;

/**
 * Runs a tensor-parallel layer's combine shard (kind {@code combine}) at the lead: the residual with the summed
 * attention terms, the second norm and the router.
 */
public interface CombineExecutor extends AutoCloseable {
  /**
   * @param hidden the layer input, length d
   * @param attentionSum the sum of every share's {@link AttentionPartExecutor#step} term, length d
   * @return {@code attnOut = hidden + attentionSum}, its norm and the router logits, as an unsplit gateway gives
   */
  GatewayOutput combine(float[] hidden, float[] attentionSum);

  @Override
  void close();
}
