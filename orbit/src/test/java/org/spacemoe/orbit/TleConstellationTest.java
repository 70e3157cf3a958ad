package org.spacemoe.orbit;

import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.EarthConstants;
import org.spacemoe.shared.constellation.GridLink;
import org.spacemoe.shared.constellation.LinkKind;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.shared.constellation.SatelliteStates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TleConstellationTest {
  static final double ALTITUDE_KM = 550;
  static final double INCLINATION_DEG = 53;
  /** Plane RAANs, deg, not in plane order and straddling 0 deg. */
  static final double[] RAAN_DEG = {355, 115, 235};
  static final String EPOCH = "24100.50000000";

  @TempDir
  Path dir;

  /**
   * 3 planes x 4 satellites, named {@code "P<p> S<s>"} with p in RAAN order (115, 235, 355 deg) and s in
   * argument-of-latitude order; RAAN jittered by up to 0.3 deg within a plane; sets written in shuffled order.
   */
  static List<String> shellSets() {
    double revs = TleLines.revsPerDay(ALTITUDE_KM);
    List<List<String>> sets = new ArrayList<>();
    int[] planeOfRaan = {2, 0, 1};
    for (int r = 0; r < RAAN_DEG.length; r++) {
      int p = planeOfRaan[r];
      for (int s = 0; s < 4; s++) {
        int catalogue = 40000 + 10 * p + s;
        double raan = (RAAN_DEG[r] + 0.3 * (s - 1.5) / 1.5 + 360) % 360;
        double meanAnomaly = 10 + 90 * s + 20 * p;
        sets.add(List.of("P" + p + " S" + s, TleLines.line1(catalogue, EPOCH),
            TleLines.line2(catalogue, INCLINATION_DEG, raan, 0.0001, 0, meanAnomaly, revs)));
      }
    }
    Collections.shuffle(sets, new Random(7));
    return sets.stream().flatMap(List::stream).toList();
  }

  Path write(String name, List<String> lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, lines);
    return file;
  }

  @Test
  void infersThreePlanesOfFourOrderedBySlot() throws IOException {
    TleConstellation c = TleConstellationLoader.load(write("shell.tle", shellSets()), null);
    assertEquals(12, c.size());
    assertEquals(3, c.planeCount());
    for (int p = 0; p < 3; p++) {
      assertEquals(4, c.satellitesInPlane(p));
      for (int s = 0; s < 4; s++) {
        Satellite sat = c.satellites().get(c.indexOf(p, s));
        assertEquals("P" + p + "-S" + s, sat.name());
        assertEquals(p, sat.plane());
        assertEquals(s, sat.slotInPlane());
        assertEquals(c.indexOf(p, s), sat.index());
      }
    }
    assertEquals("tle:shell.tle:12sats:3planes", c.id());
  }

  @Test
  void explicitPlaneCountGivesTheSameGrouping() throws IOException {
    Path file = write("shell.tle", shellSets());
    assertEquals(TleConstellationLoader.load(file, null).satellites(), TleConstellationLoader.load(file, 3).satellites());
  }

  @Test
  void positionsLieOnTheShellAndRepeatAfterOnePeriod() throws IOException {
    TleConstellation c = TleConstellationLoader.load(write("shell.tle", shellSets()), null);
    assertEquals(ALTITUDE_KM, c.meanAltitudeKm(), 1e-3);
    double a = EarthConstants.EQUATORIAL_RADIUS_KM + ALTITUDE_KM;
    assertEquals(2 * Math.PI * Math.sqrt(a * a * a / EarthConstants.MU_KM3_PER_S2), c.orbitPeriodS(), 1e-3);
    SatelliteStates start = c.statesAt(0);
    SatelliteStates later = c.statesAt(c.orbitPeriodS());
    for (int i = 0; i < c.size(); i++) {
      double radius = norm(start.positionsKm(), i);
      assertEquals(EarthConstants.EQUATORIAL_RADIUS_KM + ALTITUDE_KM, radius, 10, "radius of " + i);
      assertEquals(7.59, norm(start.velocitiesKmPerS(), i), 0.02, "speed of " + i);
      double[] d = new double[3];
      for (int k = 0; k < 3; k++) {
        d[k] = later.positionsKm()[3 * i + k] - start.positionsKm()[3 * i + k];
      }
      assertTrue(norm(d, 0) < 50, "satellite " + i + " moved " + norm(d, 0) + " km over one period");
    }
  }

  @Test
  void gridHasRingsAndOneLinkPerSatelliteToTheNextPlane() throws IOException {
    TleConstellation c = TleConstellationLoader.load(write("shell.tle", shellSets()), null);
    List<GridLink> intra = c.gridLinks().stream().filter(l -> l.kind() == LinkKind.INTRA_PLANE).toList();
    List<GridLink> inter = c.gridLinks().stream().filter(l -> l.kind() == LinkKind.INTER_PLANE).toList();
    assertEquals(12, intra.size());
    assertEquals(12, inter.size());
    assertEquals(c.gridLinks().size(), Set.copyOf(c.gridLinks()).size());
    Map<Integer, Integer> degree = new HashMap<>();
    for (GridLink l : c.gridLinks()) {
      Satellite a = c.satellites().get(l.a());
      Satellite b = c.satellites().get(l.b());
      if (l.kind() == LinkKind.INTRA_PLANE) {
        assertEquals(a.plane(), b.plane());
        assertEquals(1, Math.min(Math.floorMod(a.slotInPlane() - b.slotInPlane(), 4), Math.floorMod(b.slotInPlane() - a.slotInPlane(), 4)));
      } else {
        assertTrue(Math.floorMod(b.plane() - a.plane(), 3) == 1 || Math.floorMod(a.plane() - b.plane(), 3) == 1);
      }
      degree.merge(l.a(), 1, Integer::sum);
      degree.merge(l.b(), 1, Integer::sum);
    }
    assertTrue(degree.values().stream().allMatch(d -> d == 4), degree.toString());
  }

  @Test
  void unequalPlanesAreIndexedAndLinked() throws IOException {
    double revs = TleLines.revsPerDay(ALTITUDE_KM);
    int[] sizes = {4, 3, 2};
    List<String> lines = new ArrayList<>();
    for (int p = 0; p < sizes.length; p++) {
      for (int s = 0; s < sizes[p]; s++) {
        int catalogue = 100 + 10 * p + s;
        lines.add(TleLines.line1(catalogue, EPOCH));
        lines.add(TleLines.line2(catalogue, INCLINATION_DEG, 40 + 120 * p, 0.0001, 0, 10 + 360.0 * s / sizes[p], revs));
      }
    }
    TleConstellation c = TleConstellationLoader.load(write("uneven.tle", lines), null);
    assertEquals(3, c.planeCount());
    int index = 0;
    for (int p = 0; p < 3; p++) {
      assertEquals(sizes[p], c.satellitesInPlane(p));
      for (int s = 0; s < sizes[p]; s++) {
        assertEquals(index++, c.indexOf(p, s));
      }
    }
    assertEquals("NORAD-100", c.satellites().get(0).name());
    assertEquals(4 + 3 + 1, c.gridLinks().stream().filter(l -> l.kind() == LinkKind.INTRA_PLANE).count());
    assertEquals(4 + 3 + 2, c.gridLinks().stream().filter(l -> l.kind() == LinkKind.INTER_PLANE).count());
  }

  @Test
  void epochIsTheLatestTleEpochAndDescribeReportsIt() throws IOException {
    double revs = TleLines.revsPerDay(ALTITUDE_KM);
    List<String> lines = List.of(
        "SAT A", TleLines.line1(1, "24100.25000000"), TleLines.line2(1, INCLINATION_DEG, 10, 0.0001, 0, 0, revs),
        "",
        "SAT A", TleLines.line1(2, "24100.50000000"), TleLines.line2(2, INCLINATION_DEG, 10, 0.0001, 0, 180, revs));
    TleConstellation c = TleConstellationLoader.load(write("two.tle", lines), null);
    Map<String, Object> d = c.describe();
    assertEquals("tle", d.get("kind"));
    assertEquals("2024-04-09T12:00:00Z", d.get("epoch"));
    assertEquals("SGP4 (Orekit)", d.get("orbitModel"));
    assertEquals(1, d.get("planes"));
    assertEquals(List.of("SAT-A", "SAT-A-2"), c.satellites().stream().map(Satellite::name).sorted().toList());
  }

  @Test
  void statesAtIsConsistentAcrossThreads() throws Exception {
    TleConstellation c = TleConstellationLoader.load(write("shell.tle", shellSets()), null);
    double[] times = {0, 60, 600, 3000, 86400};
    Map<Double, double[]> expected = new HashMap<>();
    for (double t : times) {
      expected.put(t, c.statesAt(t).positionsKm());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int k = 0; k < 200; k++) {
        double t = times[k % times.length];
        results.add(pool.submit(() -> Arrays.equals(expected.get(t), c.statesAt(t).positionsKm())));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void constellationSpecsAcceptTleFiles() throws IOException {
    Path file = write("shell.tle", shellSets());
    Constellation inferred = ConstellationSpecs.parse("tle:" + file);
    Constellation requested = ConstellationSpecs.parse("tle:" + file + ",planes=3");
    assertInstanceOf(TleConstellation.class, inferred);
    assertEquals(3, inferred.planeCount());
    assertEquals(inferred.satellites(), requested.satellites());
    assertEquals(2, ConstellationSpecs.parse("tle:" + file + ",planes=2").planeCount());
  }

  /**
   * Satellite 00005 at its epoch, TEME, from Vallado et al., "Revisiting Spacetrack Report #3" (AIAA 2006-6753),
   * test output tcppver.out: r = (7022.46529266, -1400.08296755, 0.03995155) km, v = (1.893841015, 6.405893759,
   * 4.534807250) km/s.
   */
  @Test
  void matchesThePublishedSgp4ReferenceState() throws IOException {
    List<String> lines = List.of(
        "1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753",
        "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667");
    SatelliteStates st = TleConstellationLoader.load(write("vanguard.tle", lines), null).statesAt(0);
    double[] r = {7022.46529266, -1400.08296755, 0.03995155};
    double[] v = {1.893841015, 6.405893759, 4.534807250};
    for (int k = 0; k < 3; k++) {
      assertEquals(r[k], st.positionsKm()[k], 1e-3);
      assertEquals(v[k], st.velocitiesKmPerS()[k], 1e-6);
    }
  }

  static double norm(double[] xyz, int i) {
    return Math.sqrt(xyz[3 * i] * xyz[3 * i] + xyz[3 * i + 1] * xyz[3 * i + 1] + xyz[3 * i + 2] * xyz[3 * i + 2]);
  }
}
