package org.spacemoe.onboard.shard;

/** Runs the head shard: final norm and LM head. */
public interface HeadExecutor extends AutoCloseable {
  /**
   * @param hidden the last layer's output, length d
   * @return logits over the vocabulary, length V
   */
  float[] logits(float[] hidden);

  @Override
  void close();
}
