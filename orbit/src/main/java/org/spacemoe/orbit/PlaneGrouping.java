package org.spacemoe.orbit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Groups satellites into orbital planes by right ascension of the ascending node (RAAN), angles in radians.
 *
 * <p>RAANs are sorted around the circle and cut at gaps: with a requested plane count P, at the P largest gaps
 * (which minimises the summed RAAN spread of the planes); otherwise at every gap wider than
 * {@link #RAAN_GAP_DEG}, and each such group is further split where its sorted inclinations jump by more than
 * {@link #INCLINATION_GAP_DEG}. Planes are ordered by circular mean RAAN (then mean inclination), satellites
 * within a plane by argument of latitude in [0, 2 pi).
 */
final class PlaneGrouping {
  /** Inferred planes are separated by RAAN gaps wider than this, deg. */
  static final double RAAN_GAP_DEG = 2.0;
  /** Inferred planes with close RAAN are separated by inclination gaps wider than this, deg. */
  static final double INCLINATION_GAP_DEG = 1.0;

  private static final double TWO_PI = 2 * Math.PI;

  private final double[] raan;
  private final double[] inclination;
  private final double[] argLatitude;

  private PlaneGrouping(double[] raanRad, double[] inclinationRad, double[] argLatitudeRad) {
    this.raan = IntStream.range(0, raanRad.length).mapToDouble(i -> normalise(raanRad[i])).toArray();
    this.inclination = inclinationRad;
    this.argLatitude = IntStream.range(0, argLatitudeRad.length).mapToDouble(i -> normalise(argLatitudeRad[i])).toArray();
  }

  /**
   * @param planes requested plane count in [1, satellites], or {@code null} to infer it
   * @return satellite indices per plane, planes in RAAN order, members in argument-of-latitude order
   */
  static List<int[]> group(double[] raanRad, double[] inclinationRad, double[] argLatitudeRad, Integer planes) {
    int n = raanRad.length;
    if (n == 0 || inclinationRad.length != n || argLatitudeRad.length != n) {
      throw new IllegalArgumentException("need equal, non-empty arrays");
    }
    if (planes != null && (planes < 1 || planes > n)) {
      throw new IllegalArgumentException("planes must be in [1, " + n + "], got " + planes);
    }
    PlaneGrouping g = new PlaneGrouping(raanRad, inclinationRad, argLatitudeRad);
    List<List<Integer>> groups = g.cutByRaan(planes);
    if (planes == null) {
      groups = groups.stream().flatMap(group -> g.splitByInclination(group).stream()).toList();
    }
    return g.ordered(groups);
  }

  private List<List<Integer>> cutByRaan(Integer planes) {
    int n = raan.length;
    Integer[] byRaan = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble((Integer i) -> raan[i])).toArray(Integer[]::new);
    double[] gapAfter = new double[n];
    for (int k = 0; k < n; k++) {
      gapAfter[k] = k + 1 < n ? raan[byRaan[k + 1]] - raan[byRaan[k]] : raan[byRaan[0]] + TWO_PI - raan[byRaan[k]];
    }
    Comparator<Integer> widestFirst = Comparator.comparingDouble((Integer k) -> -gapAfter[k]).thenComparingInt(k -> k);
    List<Integer> cuts;
    if (planes != null) {
      cuts = IntStream.range(0, n).boxed().sorted(widestFirst).limit(planes).sorted().toList();
    } else {
      double tolerance = Math.toRadians(RAAN_GAP_DEG);
      cuts = IntStream.range(0, n).filter(k -> gapAfter[k] > tolerance).boxed().toList();
      if (cuts.isEmpty()) {
        cuts = List.of(IntStream.range(0, n).boxed().min(widestFirst).orElseThrow());
      }
    }
    List<List<Integer>> groups = new ArrayList<>();
    for (int c = 0; c < cuts.size(); c++) {
      int from = cuts.get(c) + 1;
      int to = c + 1 < cuts.size() ? cuts.get(c + 1) : cuts.get(0) + n;
      List<Integer> group = new ArrayList<>();
      for (int k = from; k <= to; k++) {
        group.add(byRaan[k % n]);
      }
      groups.add(group);
    }
    return groups;
  }

  private List<List<Integer>> splitByInclination(List<Integer> group) {
    List<Integer> byInclination = group.stream().sorted(Comparator.comparingDouble((Integer i) -> inclination[i])).toList();
    double tolerance = Math.toRadians(INCLINATION_GAP_DEG);
    List<List<Integer>> out = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    for (int i : byInclination) {
      if (!current.isEmpty() && inclination[i] - inclination[current.get(current.size() - 1)] > tolerance) {
        out.add(current);
        current = new ArrayList<>();
      }
      current.add(i);
    }
    out.add(current);
    return out;
  }

  private List<int[]> ordered(List<List<Integer>> groups) {
    Comparator<List<Integer>> byRaanThenInclination =
        Comparator.comparingDouble(this::meanRaan).thenComparingDouble(this::meanInclination);
    return groups.stream()
        .sorted(byRaanThenInclination)
        .map(g -> g.stream().sorted(Comparator.comparingDouble((Integer i) -> argLatitude[i]).thenComparingInt(i -> i))
            .mapToInt(Integer::intValue).toArray())
        .toList();
  }

  private double meanRaan(List<Integer> group) {
    double s = 0;
    double c = 0;
    for (int i : group) {
      s += Math.sin(raan[i]);
      c += Math.cos(raan[i]);
    }
    return normalise(Math.atan2(s, c));
  }

  private double meanInclination(List<Integer> group) {
    return group.stream().mapToDouble(i -> inclination[i]).average().orElse(0);
  }

  static double normalise(double angleRad) {
    double a = angleRad % TWO_PI;
    a = a < 0 ? a + TWO_PI : a;
    return a < TWO_PI ? a : 0;
  }
}
