package org.spacemoe.orbit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaneGroupingTest {
  static double[] rad(double... deg) {
    return Arrays.stream(deg).map(Math::toRadians).toArray();
  }

  static List<List<Integer>> asLists(List<int[]> groups) {
    return groups.stream().map(g -> Arrays.stream(g).boxed().toList()).toList();
  }

  @Test
  void planeAcrossZeroRaanStaysTogether() {
    double[] raan = rad(359.5, 0.5, 90, 90.2, 180, 181);
    double[] inc = rad(53, 53, 53, 53, 53, 53);
    double[] u = rad(200, 10, 5, 300, 50, 40);
    assertEquals(List.of(List.of(1, 0), List.of(2, 3), List.of(5, 4)), asLists(PlaneGrouping.group(raan, inc, u, null)));
  }

  @Test
  void requestedCountCutsAtTheWidestGaps() {
    double[] raan = rad(0, 1, 3, 4, 100, 101);
    double[] inc = rad(53, 53, 53, 53, 53, 53);
    double[] u = rad(0, 1, 2, 3, 4, 5);
    assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5)), asLists(PlaneGrouping.group(raan, inc, u, 2)));
    assertEquals(List.of(List.of(0, 1), List.of(2, 3), List.of(4, 5)), asLists(PlaneGrouping.group(raan, inc, u, 3)));
    assertEquals(1, PlaneGrouping.group(raan, inc, u, 1).size());
    assertEquals(6, PlaneGrouping.group(raan, inc, u, 6).size());
  }

  @Test
  void inferredGroupingSplitsSameRaanByInclination() {
    double[] raan = rad(10, 10.1, 10.2, 10.3);
    double[] inc = rad(53, 97.6, 53.05, 97.5);
    double[] u = rad(0, 90, 180, 270);
    assertEquals(List.of(List.of(0, 2), List.of(1, 3)), asLists(PlaneGrouping.group(raan, inc, u, null)));
  }

  @Test
  void satellitesWithoutGapsFormOnePlane() {
    double[] raan = rad(20, 21, 22, 23);
    double[] inc = rad(53, 53, 53, 53);
    double[] u = rad(-10, 30, 20, 10);
    assertArrayEquals(new int[] {3, 2, 1, 0}, PlaneGrouping.group(raan, inc, u, null).get(0));
  }
}
