package org.spacemoe.ground;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spacemoe.shared.constellation.EarthConstants;

/**
 * Writes a synthetic TLE file: a near-polar star of {@code planes x sats} circular orbits (RAAN spread over 180 deg,
 * in-plane spacing 360/sats deg, phasing 1) whose plane {@code p} flies {@code p * stepKm} km above the base
 * altitude, as a shell still raising its planes does. Planes at different altitudes have different mean motions,
 * so the along-track offset between neighbouring planes (which the +Grid pairing fixed at epoch) drifts:
 * {@code dn/n = -1.5 da/a}, about 0.08 deg per orbit per km of altitude step at 550 km. With {@code stepKm = 0}
 * the shell is rigid and only rotates, like the Keplerian Walker model.
 */
public final class DriftingShellTle {
  private DriftingShellTle() {}

  public static Path write(Path file, int planes, int sats, double baseAltitudeKm, double stepKm, double inclinationDeg)
      throws IOException {
    List<String> lines = new ArrayList<>();
    for (int p = 0; p < planes; p++) {
      double revs = revsPerDay(baseAltitudeKm + p * stepKm);
      double raan = 180.0 * p / planes;
      for (int s = 0; s < sats; s++) {
        int catalogue = 50000 + 100 * p + s;
        double meanAnomaly = (360.0 * s / sats + 360.0 * p / (planes * sats)) % 360;
        lines.add("P" + p + " S" + s);
        lines.add(line1(catalogue, "24100.50000000"));
        lines.add(line2(catalogue, inclinationDeg, raan, 0.0001, 0, meanAnomaly, revs));
      }
    }
    return Files.write(file, lines);
  }

  static double revsPerDay(double altitudeKm) {
    double a = EarthConstants.EQUATORIAL_RADIUS_KM + altitudeKm;
    return Math.sqrt(EarthConstants.MU_KM3_PER_S2 / (a * a * a)) * 86400 / (2 * Math.PI);
  }

  private static String line1(int catalogue, String epoch) {
    return withChecksum(String.format(Locale.ROOT, "1 %05dU 24001A   %s  .00000000  00000-0  00000-0 0  999",
        catalogue, epoch));
  }

  private static String line2(int catalogue, double inclinationDeg, double raanDeg, double eccentricity,
      double argPerigeeDeg, double meanAnomalyDeg, double revsPerDay) {
    return withChecksum(String.format(Locale.ROOT, "2 %05d %8.4f %8.4f %07d %8.4f %8.4f %11.8f%5d", catalogue,
        inclinationDeg, raanDeg, Math.round(eccentricity * 1e7), argPerigeeDeg, meanAnomalyDeg, revsPerDay, 1));
  }

  private static String withChecksum(String line) {
    String body = line.substring(0, 68);
    int sum = 0;
    for (char c : body.toCharArray()) {
      sum += Character.isDigit(c) ? c - '0' : c == '-' ? 1 : 0;
    }
    return body + sum % 10;
  }
}
