package org.spacemoe.onboard.shard;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One layer's key/value cache for one sequence: {@code T} rows of d floats each for keys and values, row-major in
 * growing arrays. A {@link GatewayExecutor} step appends one row. Not thread-safe (one sequence, one thread).
 */
public final class KvCache {
  private final int hidden;
  private float[] keys;
  private float[] values;
  private int tokens;

  public KvCache(int hidden) {
    if (hidden <= 0) {
      throw new IllegalArgumentException("hidden size must be > 0, got " + hidden);
    }
    this.hidden = hidden;
    this.keys = new float[hidden * 16];
    this.values = new float[hidden * 16];
  }

  public int hidden() {
    return hidden;
  }

  /** Cached tokens T. */
  public int length() {
    return tokens;
  }

  /** A copy of the keys, {@code T*d} floats. */
  public float[] keys() {
    return Arrays.copyOf(keys, tokens * hidden);
  }

  /** A copy of the values, {@code T*d} floats. */
  public float[] values() {
    return Arrays.copyOf(values, tokens * hidden);
  }

  /** Read-only view of the {@code T*d} keys (valid until the next append). */
  public FloatBuffer keyBuffer() {
    return FloatBuffer.wrap(keys, 0, tokens * hidden).slice().asReadOnlyBuffer();
  }

  /** Read-only view of the {@code T*d} values (valid until the next append). */
  public FloatBuffer valueBuffer() {
    return FloatBuffer.wrap(values, 0, tokens * hidden).slice().asReadOnlyBuffer();
  }

  /** Appends one token's key and value rows (length d each). */
  public void append(float[] key, float[] value) {
    if (key.length != hidden || value.length != hidden) {
      throw new IllegalArgumentException("key and value need length " + hidden + ", got " + key.length + " and "
          + value.length);
    }
    append(FloatBuffer.wrap(key), FloatBuffer.wrap(value));
  }

  /** Appends d floats from each buffer's position. */
  void append(FloatBuffer key, FloatBuffer value) {
    int need = (tokens + 1) * hidden;
    if (need > keys.length) {
      int cap = Math.max(need, keys.length * 2);
      keys = Arrays.copyOf(keys, cap);
      values = Arrays.copyOf(values, cap);
    }
    key.get(keys, tokens * hidden, hidden);
    value.get(values, tokens * hidden, hidden);
    tokens++;
  }

  /** Forgets every token (a new sequence). */
  public void clear() {
    tokens = 0;
  }
}
