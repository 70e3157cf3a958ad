package org.spacemoe.shared.constellation;

/**
 * Positions (km) and velocities (km/s) of every satellite at one instant, in one inertial frame,
 * packed as {@code [x0,y0,z0,x1,...]}.
 */
public record SatelliteStates(double[] positionsKm, double[] velocitiesKmPerS) {
  public SatelliteStates {
    if (positionsKm.length != velocitiesKmPerS.length || positionsKm.length % 3 != 0) {
      throw new IllegalArgumentException("position/velocity arrays must have equal length 3n");
    }
  }

  public int size() {
    return positionsKm.length / 3;
  }
}
