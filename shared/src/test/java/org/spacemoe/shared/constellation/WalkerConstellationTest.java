package org.spacemoe.shared.constellation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Geometry of the circular Keplerian Walker model checked against closed forms. Expected angles are derived
 * in the tests from r and v only (angular momentum h = r x v, node vector N = k x h), not from the production
 * helper {@code OrbitAngles}.
 */
class WalkerConstellationTest {
  private static final double RE = 6378.137;
  private static final double MU = 398600.4418;

  private static WalkerConstellation walker(WalkerPattern pattern, int planes, int sats, double altKm, double incDeg,
      int f) {
    return new WalkerConstellation(new WalkerParameters(pattern, planes, sats, altKm, incDeg, f));
  }

  private static double[] vec(double[] packed, int i) {
    return new double[] {packed[3 * i], packed[3 * i + 1], packed[3 * i + 2]};
  }

  private static double norm(double[] x) {
    return Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
  }

  private static double dot(double[] x, double[] y) {
    return x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
  }

  private static double[] cross(double[] x, double[] y) {
    return new double[] {x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]};
  }

  /** RAAN from h: N = k x h = (-h_y, h_x, 0), so RAAN = atan2(h_x, -h_y), in [0, 2 pi). */
  private static double raanOf(double[] r, double[] v) {
    double[] h = cross(r, v);
    double raan = Math.atan2(h[0], -h[1]);
    return raan < 0 ? raan + 2 * Math.PI : raan;
  }

  /** Argument of latitude: angle from the node N to r, measured in the direction of motion (h x N). */
  private static double argLatOf(double[] r, double[] v) {
    double[] h = cross(r, v);
    double hn = norm(h);
    double[] n = {-h[1], h[0], 0};
    double nn = norm(n);
    n = new double[] {n[0] / nn, n[1] / nn, 0};
    double[] ahead = cross(new double[] {h[0] / hn, h[1] / hn, h[2] / hn}, n);
    return Math.atan2(dot(r, ahead), dot(r, n));
  }

  /** Signed difference x - y wrapped into (-pi, pi]. */
  private static double angleDiff(double x, double y) {
    return Math.IEEEremainder(x - y, 2 * Math.PI);
  }

  @Test
  void radiusIsEquatorialRadiusPlusAltitudeForAllSatellitesAndTimes() {
    for (double alt : new double[] {550, 1200}) {
      WalkerConstellation c = walker(WalkerPattern.STAR, 7, 9, alt, 87, 3);
      double a = RE + alt; // circular orbit: |r| = a = R_E + h at every instant
      for (double t : new double[] {0, 17.5, 1000, 5736, 86400}) {
        double[] r = c.statesAt(t).positionsKm();
        for (int i = 0; i < c.size(); i++) {
          assertEquals(a, norm(vec(r, i)), 1e-9, "alt " + alt + " t " + t + " sat " + i);
        }
      }
    }
  }

  @Test
  void speedIsCircularVelocityAndVelocityIsPerpendicularToRadius() {
    WalkerConstellation c = walker(WalkerPattern.DELTA, 5, 6, 550, 53, 2);
    double a = RE + 550;
    double speed = Math.sqrt(MU / a); // vis-viva with r = a: v^2 = mu (2/r - 1/a) = mu / a, about 7.585 km/s
    assertTrue(speed > 7.5 && speed < 7.7, "sanity of the closed form " + speed);
    for (double t : new double[] {0, 333, 4000}) {
      SatelliteStates st = c.statesAt(t);
      for (int i = 0; i < c.size(); i++) {
        double[] r = vec(st.positionsKm(), i);
        double[] v = vec(st.velocitiesKmPerS(), i);
        assertEquals(speed, norm(v), 1e-12, "speed sat " + i);
        assertEquals(0, dot(r, v) / (norm(r) * norm(v)), 1e-12, "circular: r . v = 0, sat " + i);
      }
    }
  }

  @Test
  void periodIsKeplersThirdLaw() {
    WalkerConstellation c = new WalkerConstellation(WalkerParameters.paper());
    double a = RE + 550;
    double period = 2 * Math.PI * Math.sqrt(a * a * a / MU); // T = 2 pi sqrt(a^3 / mu)
    assertEquals(period, c.orbitPeriodS(), 1e-9);
    // a = 6928.137 km: a^3 / mu = 3.3254e11 / 398600.4 = 8.343e5 s^2, sqrt = 913.4 s, times 2 pi = about 5739 s
    assertEquals(5739, c.orbitPeriodS(), 5);
  }

  @Test
  void satellitesReturnAfterOnePeriodAndAreAntipodalAfterHalf() {
    WalkerConstellation c = walker(WalkerPattern.STAR, 4, 5, 800, 70, 1);
    double period = c.orbitPeriodS();
    double a = RE + 800;
    double[] r0 = c.statesAt(0).positionsKm();
    double[] rT = c.statesAt(period).positionsKm();
    double[] rHalf = c.statesAt(period / 2).positionsKm();
    for (int k = 0; k < r0.length; k++) {
      assertEquals(r0[k], rT[k], 1e-8 * a, "after one period, coordinate " + k);
      assertEquals(-r0[k], rHalf[k], 1e-8 * a, "after half a period the argument of latitude moved by pi");
    }
  }

  @Test
  void consecutiveSatellitesOfAPlaneAreAChordApart() {
    for (int sats : new int[] {3, 8, 32}) {
      WalkerConstellation c = walker(WalkerPattern.STAR, 3, sats, 550, 87, 1);
      double a = RE + 550;
      // in-plane neighbours are 2 pi / S apart on a circle of radius a: chord = 2 a sin(pi / S)
      double chord = 2 * a * Math.sin(Math.PI / sats);
      for (double t : new double[] {0, 1234.5}) {
        SatelliteStates st = c.statesAt(t);
        for (int p = 0; p < 3; p++) {
          for (int s = 0; s < sats; s++) {
            double d = WalkerConstellation.distanceKm(st, c.indexOf(p, s), c.indexOf(p, (s + 1) % sats));
            assertEquals(chord, d, 1e-8, "S " + sats + " plane " + p + " slot " + s);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"STAR, 180", "DELTA, 360"})
  void raanSpacingFollowsThePattern(WalkerPattern pattern, double spreadDeg) {
    int planes = 6;
    WalkerConstellation c = walker(pattern, planes, 4, 550, 87, 1);
    SatelliteStates st = c.statesAt(321);
    for (int p = 0; p < planes; p++) {
      // plane p has RAAN p * spread / P: star 0, 30, ..., 150 deg; delta 0, 60, ..., 300 deg
      double expected = Math.toRadians(p * spreadDeg / planes);
      for (int s = 0; s < 4; s++) {
        int i = c.indexOf(p, s);
        double raan = raanOf(vec(st.positionsKm(), i), vec(st.velocitiesKmPerS(), i));
        assertEquals(0, angleDiff(raan, expected), 1e-12, "plane " + p + " slot " + s);
        double[] h = cross(vec(st.positionsKm(), i), vec(st.velocitiesKmPerS(), i));
        assertEquals(87, Math.toDegrees(Math.acos(h[2] / norm(h))), 1e-9, "inclination = angle(h, k)");
      }
    }
  }

  @Test
  void phasingOffsetsArgumentOfLatitude() {
    int planes = 4;
    int sats = 6;
    int f = 2;
    double t = 250;
    WalkerConstellation c = walker(WalkerPattern.DELTA, planes, sats, 550, 53, f);
    double n = 2 * Math.PI / c.orbitPeriodS();
    SatelliteStates st = c.statesAt(t);
    for (int p = 0; p < planes; p++) {
      for (int s = 0; s < sats; s++) {
        int i = c.indexOf(p, s);
        // u = 360 s / S + 360 F p / (P S) + n t: here 60 s + 30 p deg + n t
        double expected = Math.toRadians(60.0 * s + 30.0 * p) + n * t;
        double u = argLatOf(vec(st.positionsKm(), i), vec(st.velocitiesKmPerS(), i));
        assertEquals(0, angleDiff(u, expected), 1e-12, "plane " + p + " slot " + s);
      }
    }
    // with F = 0 satellite (1, 0) sits at the node like (0, 0); with F = 2 it is 30 deg ahead of it
    WalkerConstellation f0 = walker(WalkerPattern.DELTA, planes, sats, 550, 53, 0);
    SatelliteStates s0 = f0.statesAt(0);
    int i10 = f0.indexOf(1, 0);
    assertEquals(0, argLatOf(vec(s0.positionsKm(), i10), vec(s0.velocitiesKmPerS(), i10)), 1e-12);
  }

  private static int count(List<GridLink> links, LinkKind kind) {
    return (int) links.stream().filter(l -> l.kind() == kind).count();
  }

  /** No self links, no duplicates, intra links inside one plane, inter links between adjacent planes. */
  private static void assertWellFormed(WalkerConstellation c) {
    int planes = c.planeCount();
    Set<List<Integer>> seen = new HashSet<>();
    for (GridLink l : c.gridLinks()) {
      assertTrue(l.a() < l.b(), "ordered, no self link: " + l);
      assertTrue(seen.add(List.of(l.a(), l.b())), "duplicate " + l);
      Satellite x = c.satellites().get(l.a());
      Satellite y = c.satellites().get(l.b());
      if (l.kind() == LinkKind.INTRA_PLANE) {
        assertEquals(x.plane(), y.plane(), l.toString());
        int gap = Math.floorMod(y.slotInPlane() - x.slotInPlane(), c.satellitesInPlane(x.plane()));
        assertTrue(gap == 1 || gap == c.satellitesInPlane(x.plane()) - 1, "consecutive slots " + l);
      } else {
        int gap = Math.floorMod(y.plane() - x.plane(), planes);
        assertTrue(gap == 1 || gap == planes - 1, "adjacent planes " + l);
      }
    }
  }

  @ParameterizedTest(name = "P={0} S={1}")
  @CsvSource({
    // P, S, intra, inter: intra = P*S for S >= 3, P for S = 2 (one link per pair), 0 for S = 1;
    // inter = P*S for P >= 3 (wrap included), S for P = 2 (planes 0-1 once), 0 for P = 1
    "1, 1, 0, 0",
    "1, 2, 1, 0",
    "1, 5, 5, 0",
    "2, 1, 0, 1",
    "2, 2, 2, 2",
    "2, 5, 10, 5",
    "3, 1, 0, 3",
    "3, 2, 3, 6",
    "5, 4, 20, 20",
    "33, 32, 1056, 1056"
  })
  void gridLinkCounts(int planes, int sats, int intra, int inter) {
    WalkerConstellation c = walker(WalkerPattern.STAR, planes, sats, 550, 87, planes > 1 ? 1 : 0);
    assertEquals(intra, count(c.gridLinks(), LinkKind.INTRA_PLANE));
    assertEquals(inter, count(c.gridLinks(), LinkKind.INTER_PLANE));
    assertWellFormed(c);
  }

  @Test
  void everySatelliteHasFourNeighboursInAFullGridAndTheInterPlaneMapIsABijection() {
    WalkerConstellation c = walker(WalkerPattern.STAR, 5, 6, 550, 87, 1);
    int[] degree = new int[c.size()];
    int[][] towardsNext = new int[c.planeCount()][c.satellitesInPlane(0)];
    for (GridLink l : c.gridLinks()) {
      degree[l.a()]++;
      degree[l.b()]++;
      if (l.kind() == LinkKind.INTER_PLANE) {
        Satellite x = c.satellites().get(l.a());
        Satellite y = c.satellites().get(l.b());
        // the link from plane p to plane p+1 (mod P): count the partner once in plane p+1
        Satellite upper = Math.floorMod(y.plane() - x.plane(), 5) == 1 ? y : x;
        towardsNext[upper.plane()][upper.slotInPlane()]++;
      }
    }
    for (int i = 0; i < degree.length; i++) {
      assertEquals(4, degree[i], "+Grid degree of satellite " + i);
    }
    for (int[] plane : towardsNext) {
      for (int k : plane) {
        assertEquals(1, k, "each satellite has exactly one partner in the previous plane");
      }
    }
  }

  @Test
  void phasingMovesOnlyPlanesOtherThanTheFirst() {
    // u(p, s) depends on F only through 2 pi F p / (P S): plane 0 is identical for every F, plane 1 is shifted
    // by 2 pi (3 - 0) / (4 * 8) = 33.75 deg between F = 0 and F = 3
    WalkerConstellation f0 = walker(WalkerPattern.DELTA, 4, 8, 550, 53, 0);
    WalkerConstellation f3 = walker(WalkerPattern.DELTA, 4, 8, 550, 53, 3);
    SatelliteStates s0 = f0.statesAt(0);
    SatelliteStates s3 = f3.statesAt(0);
    for (int s = 0; s < 8; s++) {
      int i = f0.indexOf(0, s);
      for (int k = 0; k < 3; k++) {
        assertEquals(s0.positionsKm()[3 * i + k], s3.positionsKm()[3 * i + k], 1e-9);
      }
      int j = f0.indexOf(1, s);
      double u0 = argLatOf(vec(s0.positionsKm(), j), vec(s0.velocitiesKmPerS(), j));
      double u3 = argLatOf(vec(s3.positionsKm(), j), vec(s3.velocitiesKmPerS(), j));
      assertEquals(Math.toRadians(33.75), angleDiff(u3, u0), 1e-12, "plane 1 slot " + s);
    }
  }

  @Test
  void idAndIndexing() {
    WalkerConstellation c = new WalkerConstellation(WalkerParameters.paper());
    assertEquals("walker-star:33x32:550km:87deg:F1", c.id());
    assertEquals(1056, c.size());
    for (Satellite s : c.satellites()) {
      assertEquals(s.index(), c.indexOf(s.plane(), s.slotInPlane()));
      assertEquals(WalkerConstellation.name(s.plane(), s.slotInPlane()), s.name());
    }
    assertEquals("p16s07", WalkerConstellation.name(16, 7));
  }
}
