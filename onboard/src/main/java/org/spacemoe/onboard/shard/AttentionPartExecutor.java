package org.spacemoe.onboard.shard;

/**
 * Runs one share of a tensor-parallel layer's attention (shard kind {@code attention_part}): the heads of its
 * group over its share of the KV cache, times its rows of the O projection.
 */
public interface AttentionPartExecutor extends AutoCloseable {
  /**
   * Decodes one token for this head group and appends the token's key and value share to {@code cache}.
   *
   * @param hidden the layer input, length d (each share applies the first norm itself)
   * @param cache this share's cache for the sequence, of width {@link #cacheWidth()}, grown by one token
   * @return this share's term of the attention output, length d; the shares' terms sum to the whole layer's
   */
  float[] step(float[] hidden, KvCache cache);

  /** Width of this share's KV cache rows: its heads times the head dimension. */
  int cacheWidth();

  @Override
  void close();
}
