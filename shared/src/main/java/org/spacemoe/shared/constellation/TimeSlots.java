package org.spacemoe.shared.constellation;

import org.spacemoe.shared.input.Checks;

/**
 * {@code count} equally spaced instants over one orbit period, starting {@code epochS} seconds after the
 * constellation epoch: slot {@code k} is at {@code epochS + k * period / count} s. A later epoch is the same
 * constellation propagated further (for a Keplerian Walker model this only shifts the sampling phase).
 */
public record TimeSlots(int count, double periodS, double epochS) {
  public TimeSlots {
    Checks.positive("slots", count);
    Checks.positive("orbit period (s)", periodS);
    if (!(epochS >= 0) || Double.isInfinite(epochS)) {
      throw new org.spacemoe.shared.input.InvalidInputException("epoch (s)", "must be a finite number >= 0, got " + epochS);
    }
  }

  /** Slots starting at the constellation epoch. */
  public TimeSlots(int count, double periodS) {
    this(count, periodS, 0);
  }

  public static TimeSlots overOneOrbit(Constellation c, int count) {
    return new TimeSlots(count, c.orbitPeriodS());
  }

  /** One orbit of slots starting {@code epochS} seconds after the constellation epoch. */
  public static TimeSlots overOneOrbit(Constellation c, int count, double epochS) {
    return new TimeSlots(count, c.orbitPeriodS(), epochS);
  }

  /** Seconds after the constellation epoch of slot {@code slot}. */
  public double timeS(int slot) {
    return epochS + slot * periodS / count;
  }

  public double slotLengthS() {
    return periodS / count;
  }
}
