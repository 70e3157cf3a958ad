package org.spacemoe.shared.constellation;

import org.spacemoe.shared.input.Checks;

/**
 * {@code count} equally spaced instants over one orbit period: slot {@code k} is at {@code k * period / count} s.
 */
public record TimeSlots(int count, double periodS) {
  public TimeSlots {
    Checks.positive("slots", count);
    Checks.positive("orbit period (s)", periodS);
  }

  public static TimeSlots overOneOrbit(Constellation c, int count) {
    return new TimeSlots(count, c.orbitPeriodS());
  }

  public double timeS(int slot) {
    return slot * periodS / count;
  }

  public double slotLengthS() {
    return periodS / count;
  }
}
