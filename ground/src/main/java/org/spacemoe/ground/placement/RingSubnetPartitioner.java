package org.spacemoe.ground.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Cuts a constellation along the orbiting direction into one subnet per layer, arranged as a ring: the
 * paper's layer placement.
 *
 * <ul>
 *   <li>{@code L <= S} (S = satellites per plane): layer {@code l} takes the arc of slots
 *       {@code [floor(l S / L), floor((l+1) S / L))} of every plane; with {@code L = S} one slot row per layer.</li>
 *   <li>{@code L > S} (generalisation): row {@code r} hosts the layers {@code ceil(r L / S) .. ceil((r+1) L / S) - 1},
 *       each on a contiguous band of planes of that row. Needs equal plane sizes and at most one layer per
 *       satellite.</li>
 * </ul>
 * Layer {@code l + 1} follows layer {@code l} in the orbiting direction, so adjacent layers are one or a few
 * intra-plane hops apart, and the last layer wraps to the first.
 */
public final class RingSubnetPartitioner {
  private RingSubnetPartitioner() {}

  public static List<Subnet> partition(Constellation c, int layers) {
    int minS = Integer.MAX_VALUE;
    int maxS = 0;
    for (int p = 0; p < c.planeCount(); p++) {
      minS = Math.min(minS, c.satellitesInPlane(p));
      maxS = Math.max(maxS, c.satellitesInPlane(p));
    }
    List<List<Satellite>> groups = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      groups.add(new ArrayList<>());
    }
    if (layers <= minS) {
      for (Satellite s : c.satellites()) {
        int perPlane = c.satellitesInPlane(s.plane());
        groups.get((int) ((long) s.slotInPlane() * layers / perPlane)).add(s);
      }
    } else {
      if (minS != maxS) {
        throw new InvalidInputException("--constellation", "has more layers (" + layers
            + ") than satellites in its smallest plane (" + minS + ") and planes of unequal size; cannot cut it into a ring of subnets");
      }
      int s = minS;
      int planes = c.planeCount();
      for (int r = 0; r < s; r++) {
        int first = ceilDiv((long) r * layers, s);
        int count = ceilDiv((long) (r + 1) * layers, s) - first;
        if (count > planes) {
          throw new InvalidInputException("--constellation", "has " + c.size() + " satellites, fewer than the "
              + layers + " layers of the model; each layer needs its own satellites");
        }
        for (int p = 0; p < planes; p++) {
          int band = (int) ((long) p * count / planes);
          groups.get(first + band).add(c.satellites().get(c.indexOf(p, r)));
        }
      }
    }
    List<Subnet> out = new ArrayList<>(layers);
    for (int l = 0; l < layers; l++) {
      List<Satellite> g = groups.get(l);
      if (g.isEmpty()) {
        throw new InvalidInputException("--constellation", "leaves layer " + l + " without satellites");
      }
      g.sort(Comparator.comparingInt(Satellite::plane).thenComparingInt(Satellite::slotInPlane));
      out.add(new Subnet(l, g.stream().mapToInt(Satellite::index).toArray(), centre(g)));
    }
    return out;
  }

  private static int centre(List<Satellite> sortedMembers) {
    int[] planes = sortedMembers.stream().mapToInt(Satellite::plane).distinct().toArray();
    int midPlane = planes[(planes.length - 1) / 2];
    List<Satellite> inPlane = sortedMembers.stream().filter(s -> s.plane() == midPlane).toList();
    return inPlane.get((inPlane.size() - 1) / 2).index();
  }

  private static int ceilDiv(long a, long b) {
    return (int) ((a + b - 1) / b);
  }
}
