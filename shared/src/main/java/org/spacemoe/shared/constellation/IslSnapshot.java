package org.spacemoe.shared.constellation;

import java.util.List;

/**
 * The +Grid links of one time slot: for every candidate link (same order as {@link Constellation#gridLinks()})
 * its length in km, or {@code NaN} when the link does not exist in that slot.
 */
public final class IslSnapshot {
  private final int slot;
  private final int satelliteCount;
  private final List<GridLink> candidates;
  private final double[] lengthKm;
  private final int feasibleCount;

  private IslSnapshot(int slot, int satelliteCount, List<GridLink> candidates, double[] lengthKm) {
    this.slot = slot;
    this.satelliteCount = satelliteCount;
    this.candidates = candidates;
    this.lengthKm = lengthKm;
    int n = 0;
    for (double l : lengthKm) {
      if (!Double.isNaN(l)) {
        n++;
      }
    }
    this.feasibleCount = n;
  }

  /** Computes the snapshot of {@code slot}. */
  public static IslSnapshot of(Constellation c, IslRules rules, TimeSlots slots, int slot) {
    SatelliteStates st = c.statesAt(slots.timeS(slot));
    List<GridLink> links = c.gridLinks();
    double[] len = new double[links.size()];
    for (int i = 0; i < len.length; i++) {
      GridLink l = links.get(i);
      len[i] = rules.lengthIfFeasibleKm(st, l.a(), l.b());
    }
    return new IslSnapshot(slot, c.size(), links, len);
  }

  public int slot() {
    return slot;
  }

  public int satelliteCount() {
    return satelliteCount;
  }

  public List<GridLink> candidates() {
    return candidates;
  }

  /** km, NaN if absent in this slot. */
  public double lengthKm(int link) {
    return lengthKm[link];
  }

  public boolean exists(int link) {
    return !Double.isNaN(lengthKm[link]);
  }

  public int feasibleLinkCount() {
    return feasibleCount;
  }
}
