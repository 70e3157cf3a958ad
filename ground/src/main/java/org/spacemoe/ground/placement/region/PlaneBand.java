package org.spacemoe.ground.placement.region;

import org.spacemoe.shared.constellation.Constellation;

/**
 * Consecutive orbital planes {@code firstPlane, firstPlane + 1, ...} ({@code planeCount} of them, cyclic modulo
 * {@code totalPlanes}) with every satellite of each: the region a region plan routes in.
 * Invariant: {@code 1 <= planeCount <= totalPlanes}, {@code 0 <= firstPlane < totalPlanes}.
 */
public record PlaneBand(int firstPlane, int planeCount, int totalPlanes) {
  public PlaneBand {
    if (totalPlanes < 1 || planeCount < 1 || planeCount > totalPlanes || firstPlane < 0 || firstPlane >= totalPlanes) {
      throw new IllegalArgumentException("band of " + planeCount + " planes from " + firstPlane + " of " + totalPlanes);
    }
  }

  /**
   * The shortest cyclic run of planes holding every plane of {@code planes}, widened by {@code margin} planes on
   * each side; all planes when that reaches around.
   */
  public static PlaneBand covering(int[] planes, int margin, int totalPlanes) {
    boolean[] used = new boolean[totalPlanes];
    for (int p : planes) {
      used[p] = true;
    }
    // the band starts just after the longest cyclic run of unused planes
    int bestGap = -1;
    int bestStart = 0;
    for (int p = 0; p < totalPlanes; p++) {
      if (used[p] && !used[(p - 1 + totalPlanes) % totalPlanes]) {
        int gap = 0;
        while (gap < totalPlanes && !used[(p - 1 - gap + 2 * totalPlanes) % totalPlanes]) {
          gap++;
        }
        if (gap > bestGap) {
          bestGap = gap;
          bestStart = p;
        }
      }
    }
    if (bestGap < 0) {
      return whole(totalPlanes);
    }
    long width = (long) totalPlanes - bestGap + 2L * margin;
    if (width >= totalPlanes) {
      return whole(totalPlanes);
    }
    int first = Math.floorMod(bestStart - margin, totalPlanes);
    return new PlaneBand(first, (int) width, totalPlanes);
  }

  public static PlaneBand whole(int totalPlanes) {
    return new PlaneBand(0, totalPlanes, totalPlanes);
  }

  public boolean isWhole() {
    return planeCount == totalPlanes;
  }

  public boolean contains(int plane) {
    return Math.floorMod(plane - firstPlane, totalPlanes) < planeCount;
  }

  /** Dense indices of the band's satellites, band plane by band plane, slot order within a plane. */
  public int[] satellites(Constellation c) {
    int n = 0;
    for (int k = 0; k < planeCount; k++) {
      n += c.satellitesInPlane((firstPlane + k) % totalPlanes);
    }
    int[] out = new int[n];
    int i = 0;
    for (int k = 0; k < planeCount; k++) {
      int p = (firstPlane + k) % totalPlanes;
      for (int s = 0; s < c.satellitesInPlane(p); s++) {
        out[i++] = c.indexOf(p, s);
      }
    }
    return out;
  }

  /** Planes and satellites, e.g. {@code planes 480..518 of 1000}. */
  public String describe() {
    return isWhole() ? "all " + totalPlanes + " planes"
        : "planes " + firstPlane + ".." + ((firstPlane + planeCount - 1) % totalPlanes) + " of " + totalPlanes;
  }
}
