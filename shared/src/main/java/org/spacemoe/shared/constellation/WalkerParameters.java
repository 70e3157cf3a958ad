package org.spacemoe.shared.constellation;

import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Parameters of a Walker constellation.
 *
 * @param pattern delta (360 deg of nodes) or star (180 deg)
 * @param planes number of orbital planes, >= 1
 * @param satellitesPerPlane satellites per plane, >= 1
 * @param altitudeKm circular orbit altitude above the equatorial radius, km, in (0, 100000]
 * @param inclinationDeg inclination, deg, in [0, 180]
 * @param phasing Walker phasing factor F in [0, planes - 1]
 */
public record WalkerParameters(
    WalkerPattern pattern, int planes, int satellitesPerPlane, double altitudeKm, double inclinationDeg, int phasing) {

  /** The paper's setting: polar Walker star, 33 x 32, 550 km, 87 deg, F = 1. */
  public static WalkerParameters paper() {
    return new WalkerParameters(WalkerPattern.STAR, 33, 32, 550, 87, 1);
  }

  public WalkerParameters {
    if (pattern == null) {
      throw new InvalidInputException("constellation pattern", "is missing");
    }
    Checks.positive("planes", planes);
    Checks.positive("sats (satellites per plane)", satellitesPerPlane);
    if (!(altitudeKm > 0 && altitudeKm <= 100_000)) {
      throw new InvalidInputException("altitude-km", "must be in (0, 100000] km, got " + altitudeKm);
    }
    Checks.inRange("inclination-deg", inclinationDeg, 0, 180);
    Checks.inRange("phasing (Walker F)", phasing, 0, planes - 1);
  }

  public WalkerParameters withAltitudeKm(double km) {
    return new WalkerParameters(pattern, planes, satellitesPerPlane, km, inclinationDeg, phasing);
  }

  public WalkerParameters withSize(int newPlanes, int newSatellitesPerPlane) {
    return new WalkerParameters(
        pattern, newPlanes, newSatellitesPerPlane, altitudeKm, inclinationDeg, Math.min(phasing, newPlanes - 1));
  }

  /** Identity string, e.g. {@code walker-star:33x32:550km:87deg:F1}. */
  public String id() {
    return pattern.specName() + ":" + planes + "x" + satellitesPerPlane + ":" + trim(altitudeKm) + "km:"
        + trim(inclinationDeg) + "deg:F" + phasing;
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
