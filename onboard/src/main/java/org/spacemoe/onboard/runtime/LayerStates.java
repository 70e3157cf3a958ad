package org.spacemoe.onboard.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.onboard.shard.KvCache;

/**
 * What one gateway keeps per sequence: the layer's KV cache, the hidden state it sent on for each step (so a
 * standby or restarted next gateway can rebuild its cache from them, as a Petals client keeps each server's inputs)
 * and where the step's input came from (the acknowledgement goes there once the step's output is sent). At most
 * {@code maxSequences} sequences (least recently used evicted, counted by the caller). Not thread-safe.
 */
final class LayerStates {
  /** One sequence at this layer. */
  static final class State {
    final KvCache cache;
    /** outputs.get(p): the hidden state (or residual) this gateway sent on for step p. */
    final List<float[]> outputs = new ArrayList<>();
    /** The satellite the input of the step in progress came from (null: local, the entry). */
    String upstream;
    /** A split lead's layer inputs of steps 0.. (the history its attention parts rebuild from); else empty. */
    final List<float[]> inputs = new ArrayList<>();
    /** A split lead rebuilt its own cache share: the parts get the history with the next request. */
    boolean partsBehind;
    /** The next gateway this sequence's hidden states go to (the plan's gateway or, after a fail-over, its standby). */
    String downstream;

    State(int hidden) {
      this.cache = new KvCache(hidden);
    }

    /** Steps whose output was sent on. */
    long completed() {
      return outputs.size();
    }

    /** Steps started (attention run): the KV cache's length. */
    long started() {
      return cache.length();
    }
  }

  private final int hidden;
  private final Map<Long, State> states;
  private int evictions;

  LayerStates(int hidden, int maxSequences) {
    this.hidden = hidden;
    this.states = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, State> eldest) {
        if (size() > maxSequences) {
          evictions++;
          return true;
        }
        return false;
      }
    };
  }

  State get(long seq) {
    return states.get(seq);
  }

  State create(long seq) {
    State s = new State(hidden);
    states.put(seq, s);
    return s;
  }

  void remove(long seq) {
    states.remove(seq);
  }

  /** Sequences evicted to stay within bound since the last call. */
  int takeEvictions() {
    int e = evictions;
    evictions = 0;
    return e;
  }

  /** Ids of the sequences held (a copy). */
  long[] ids() {
    return states.keySet().stream().mapToLong(Long::longValue).toArray();
  }

  int size() {
    return states.size();
  }
}
