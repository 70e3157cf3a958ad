package org.spacemoe.shared.constellation;

/** Physical constants used by the geometry (WGS-84 equatorial radius, EGM gravitational parameter). */
public final class EarthConstants {
  /** km */
  public static final double EQUATORIAL_RADIUS_KM = 6378.137;
  /** km^3/s^2 */
  public static final double MU_KM3_PER_S2 = 398600.4418;
  /** km/s */
  public static final double SPEED_OF_LIGHT_KM_PER_S = 299792.458;

  private EarthConstants() {}
}
