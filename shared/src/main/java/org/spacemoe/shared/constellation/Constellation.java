package org.spacemoe.shared.constellation;

import java.util.List;
import java.util.Map;

/**
 * A set of satellites with their motion and their +Grid candidate links. Implementations are immutable
 * and thread-safe.
 */
public interface Constellation {
  /** Stable identity of this constellation (goes into plans), e.g. {@code walker-star:33x32:550km:87deg:F1}. */
  String id();

  /** Satellites ordered by dense index. */
  List<Satellite> satellites();

  default int size() {
    return satellites().size();
  }

  int planeCount();

  /** Number of satellites of the given plane. */
  int satellitesInPlane(int plane);

  /** Dense index of the satellite at {@code (plane, slotInPlane)}. */
  int indexOf(int plane, int slotInPlane);

  /** Orbit period used to lay time slots over one revolution, s. */
  double orbitPeriodS();

  /** Mean altitude above the equatorial radius, km. */
  double meanAltitudeKm();

  /** States at {@code tS} seconds after the constellation epoch. */
  SatelliteStates statesAt(double tS);

  /**
   * States of {@code subset} (dense indices) at {@code tS}, packed in subset order; equal to the matching
   * entries of {@link #statesAt}.
   */
  default SatelliteStates statesOf(int[] subset, double tS) {
    SatelliteStates all = statesAt(tS);
    double[] pos = new double[3 * subset.length];
    double[] vel = new double[3 * subset.length];
    for (int j = 0; j < subset.length; j++) {
      System.arraycopy(all.positionsKm(), 3 * subset[j], pos, 3 * j, 3);
      System.arraycopy(all.velocitiesKmPerS(), 3 * subset[j], vel, 3 * j, 3);
    }
    return new SatelliteStates(pos, vel);
  }

  /** +Grid candidate links: up to two intra-plane and two inter-plane neighbours per satellite. */
  List<GridLink> gridLinks();

  /** Parameters that define this constellation, for reports. */
  Map<String, Object> describe();
}
