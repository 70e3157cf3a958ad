package org.spacemoe.orbit;

import org.spacemoe.shared.constellation.EarthConstants;

import java.util.Locale;

/** Formats synthetic TLE data lines with correct checksums, for tests. */
final class TleLines {
  private TleLines() {}

  /** Line 1 with zero drag terms; {@code epoch} as YYDDD.DDDDDDDD, e.g. {@code "24100.50000000"}. */
  static String line1(int catalogue, String epoch) {
    return withChecksum(String.format(Locale.ROOT, "1 %05dU 24001A   %s  .00000000  00000-0  00000-0 0  999", catalogue, epoch));
  }

  /** Line 2; angles in deg, eccentricity as a fraction, mean motion in revolutions per day. */
  static String line2(int catalogue, double inclinationDeg, double raanDeg, double eccentricity, double argPerigeeDeg,
      double meanAnomalyDeg, double revsPerDay) {
    return withChecksum(String.format(Locale.ROOT, "2 %05d %8.4f %8.4f %07d %8.4f %8.4f %11.8f%5d", catalogue, inclinationDeg,
        raanDeg, Math.round(eccentricity * 1e7), argPerigeeDeg, meanAnomalyDeg, revsPerDay, 1));
  }

  /** Mean motion of a circular orbit at {@code altitudeKm}, revolutions per day. */
  static double revsPerDay(double altitudeKm) {
    double a = EarthConstants.EQUATORIAL_RADIUS_KM + altitudeKm;
    return Math.sqrt(EarthConstants.MU_KM3_PER_S2 / (a * a * a)) * 86400 / (2 * Math.PI);
  }

  /** Replaces column 69 by the checksum of columns 1-68 (a 68-character line gets one appended). */
  static String withChecksum(String line) {
    String body = line.substring(0, 68);
    int sum = 0;
    for (char c : body.toCharArray()) {
      sum += Character.isDigit(c) ? c - '0' : c == '-' ? 1 : 0;
    }
    return body + sum % 10;
  }
}
