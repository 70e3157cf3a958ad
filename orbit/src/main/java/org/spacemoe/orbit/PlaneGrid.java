package org.spacemoe.orbit;

import org.spacemoe.shared.constellation.GridLink;
import org.spacemoe.shared.constellation.LinkKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * +Grid candidate links for planes of possibly unequal size. Intra-plane: consecutive slots, closed into a
 * ring when a plane has at least 3 satellites. Inter-plane: each satellite of plane p to the satellite of
 * plane p+1 (the last plane to plane 0) closest in argument of latitude. Duplicates and self links are left out.
 */
final class PlaneGrid {
  private PlaneGrid() {}

  /**
   * @param planeStart dense index of slot 0 of each plane; plane p holds indices
   *     {@code [planeStart[p], planeStart[p + 1])}, the last plane up to {@code argLatitudeRad.length}
   * @param argLatitudeRad argument of latitude of every satellite at epoch, rad
   */
  static List<GridLink> build(int[] planeStart, double[] argLatitudeRad) {
    int planes = planeStart.length;
    int n = argLatitudeRad.length;
    Set<GridLink> links = new LinkedHashSet<>();
    for (int p = 0; p < planes; p++) {
      int from = planeStart[p];
      int size = end(planeStart, p, n) - from;
      for (int s = 0; s + 1 < size; s++) {
        links.add(new GridLink(from + s, from + s + 1, LinkKind.INTRA_PLANE));
      }
      if (size >= 3) {
        links.add(new GridLink(from + size - 1, from, LinkKind.INTRA_PLANE));
      }
    }
    if (planes > 1) {
      for (int p = 0; p < planes; p++) {
        int q = (p + 1) % planes;
        for (int i = planeStart[p]; i < end(planeStart, p, n); i++) {
          links.add(new GridLink(i, closest(argLatitudeRad, argLatitudeRad[i], planeStart[q], end(planeStart, q, n)),
              LinkKind.INTER_PLANE));
        }
      }
    }
    return new ArrayList<>(links);
  }

  private static int end(int[] planeStart, int p, int n) {
    return p + 1 < planeStart.length ? planeStart[p + 1] : n;
  }

  private static int closest(double[] argLatitudeRad, double u, int from, int to) {
    int best = from;
    double bestGap = Double.POSITIVE_INFINITY;
    for (int j = from; j < to; j++) {
      double gap = Math.abs(Math.IEEEremainder(argLatitudeRad[j] - u, 2 * Math.PI));
      if (gap < bestGap) {
        bestGap = gap;
        best = j;
      }
    }
    return best;
  }
}
