package org.spacemoe.ground.draw;

import org.spacemoe.shared.constellation.SatelliteStates;

/**
 * Latitude and longitude (deg) of every satellite's sub-satellite point, taken straight from the inertial
 * (ECI) position with Earth rotation ignored: {@code lon = atan2(y, x)}, {@code lat = asin(z / |r|)}.
 */
record SubSatellitePoints(double[] latDeg, double[] lonDeg) {

  static SubSatellitePoints of(SatelliteStates states) {
    int n = states.size();
    double[] r = states.positionsKm();
    double[] lat = new double[n];
    double[] lon = new double[n];
    for (int i = 0; i < n; i++) {
      double x = r[3 * i], y = r[3 * i + 1], z = r[3 * i + 2];
      double norm = Math.sqrt(x * x + y * y + z * z);
      lat[i] = Math.toDegrees(Math.asin(z / norm));
      lon[i] = Math.toDegrees(Math.atan2(y, x));
    }
    return new SubSatellitePoints(lat, lon);
  }
}
