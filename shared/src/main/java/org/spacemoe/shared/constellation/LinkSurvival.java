package org.spacemoe.shared.constellation;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.spacemoe.shared.input.Checks;

/**
 * Independent per-slot link failures: each existing link survives a realisation with probability
 * {@code probability}. Realisation {@code (slot, draw)} is a pure function of the seed.
 */
public record LinkSurvival(double probability, long seed) {
  public static final double DEFAULT_PROBABILITY = 0.95;

  public LinkSurvival {
    Checks.inRange("link survival probability", probability, 0, 1);
  }

  /** Bit i set when candidate link i is up (it must also exist geometrically in the slot). */
  public BitSet sample(int slot, int draw, int linkCount) {
    BitSet up = new BitSet(linkCount);
    if (probability >= 1) {
      up.set(0, linkCount);
      return up;
    }
    SplittableRandom rnd = new SplittableRandom(mix(seed, slot, draw));
    for (int i = 0; i < linkCount; i++) {
      if (rnd.nextDouble() < probability) {
        up.set(i);
      }
    }
    return up;
  }

  static long mix(long seed, int slot, int draw) {
    long h = seed * 0x9E3779B97F4A7C15L + slot;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + draw;
    return h ^ (h >>> 29);
  }
}
