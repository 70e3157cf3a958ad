package org.spacemoe.shared.constellation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spacemoe.shared.input.Checks;

/**
 * When a +Grid candidate link exists in a slot.
 *
 * <p>A link exists when (1) the line of sight clears the Earth plus {@code grazingAltitudeKm} of atmosphere,
 * (2) its length is at most {@code maxRangeKm}, and (3) the line-of-sight angular rate
 * {@code |dr x dv| / |dr|^2} (inertial frame, rad/s) is at most {@code trackingLimitRadPerS}: the laser
 * terminal must be able to slew as fast as the partner moves across its sky.
 *
 * @param trackingLimitRadPerS rad/s, > 0 (paper: 0.12)
 * @param grazingAltitudeKm km above the equatorial radius the beam must clear, >= 0
 * @param maxRangeKm km, > 0 (infinite: only occlusion limits range)
 */
public record IslRules(double trackingLimitRadPerS, double grazingAltitudeKm, double maxRangeKm) {
  public static final double DEFAULT_TRACKING_LIMIT_RAD_PER_S = 0.12;
  public static final double DEFAULT_GRAZING_ALTITUDE_KM = 80;

  public IslRules {
    Checks.positive("tracking limit (rad/s)", trackingLimitRadPerS);
    Checks.nonNegative("grazing altitude (km)", grazingAltitudeKm);
    if (!(maxRangeKm > 0)) {
      throw new org.spacemoe.shared.input.InvalidInputException("max ISL range (km)", "must be > 0, got " + maxRangeKm);
    }
  }

  public static IslRules defaults() {
    return new IslRules(DEFAULT_TRACKING_LIMIT_RAD_PER_S, DEFAULT_GRAZING_ALTITUDE_KM, Double.POSITIVE_INFINITY);
  }

  public IslRules withTrackingLimit(double radPerS) {
    return new IslRules(radPerS, grazingAltitudeKm, maxRangeKm);
  }

  /** Length in km of the link between {@code a} and {@code b}, or {@code NaN} if it does not exist. */
  public double lengthIfFeasibleKm(SatelliteStates st, int a, int b) {
    double[] r = st.positionsKm();
    double[] v = st.velocitiesKmPerS();
    double ax = r[3 * a], ay = r[3 * a + 1], az = r[3 * a + 2];
    double dx = r[3 * b] - ax, dy = r[3 * b + 1] - ay, dz = r[3 * b + 2] - az;
    double d2 = dx * dx + dy * dy + dz * dz;
    double d = Math.sqrt(d2);
    if (d > maxRangeKm || d2 == 0) {
      return Double.NaN;
    }
    // closest approach of segment a->b to the Earth centre
    double t = -(ax * dx + ay * dy + az * dz) / d2;
    t = Math.max(0, Math.min(1, t));
    double cx = ax + t * dx, cy = ay + t * dy, cz = az + t * dz;
    double clearance = EarthConstants.EQUATORIAL_RADIUS_KM + grazingAltitudeKm;
    if (cx * cx + cy * cy + cz * cz < clearance * clearance) {
      return Double.NaN;
    }
    double wx = v[3 * b] - v[3 * a], wy = v[3 * b + 1] - v[3 * a + 1], wz = v[3 * b + 2] - v[3 * a + 2];
    double crossX = dy * wz - dz * wy, crossY = dz * wx - dx * wz, crossZ = dx * wy - dy * wx;
    double rate = Math.sqrt(crossX * crossX + crossY * crossY + crossZ * crossZ) / d2;
    return rate <= trackingLimitRadPerS ? d : Double.NaN;
  }

  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trackingLimitRadPerS", trackingLimitRadPerS);
    m.put("grazingAltitudeKm", grazingAltitudeKm);
    m.put("maxRangeKm", Double.isInfinite(maxRangeKm) ? "unlimited (Earth occlusion only)" : maxRangeKm);
    return m;
  }
}
