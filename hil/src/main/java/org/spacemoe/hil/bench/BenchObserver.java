package org.spacemoe.hil.bench;

import java.util.Map;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * Told what a bench run does as it does it (the operations console of {@code hil bench --console} listens). Every
 * method is called on the bench's thread and must return quickly.
 */
public interface BenchObserver {
  /** Observes nothing. */
  BenchObserver NONE = new BenchObserver() { };

  /** The run's broker is up at {@code uri} and the nodes will run {@code plan}. */
  default void brokerReady(String uri, PlacementPlan plan) { }

  /** The nodes are pinned to time slot {@code slot} (told before {@link #brokerReady}). */
  default void pinnedSlot(int slot) { }

  /**
   * The timed sequence {@code seq} starts now ({@code startNanos}, System.nanoTime) to produce {@code tokens} tokens,
   * the first at token step {@code firstStep}.
   */
  default void timedSequence(long seq, long startNanos, int tokens, long firstStep) { }

  /** The prediction for the timed sequence's tokens, s by token step (every token after the first). */
  default void predicted(long seq, Map<Long, Double> byStep) { }
}
