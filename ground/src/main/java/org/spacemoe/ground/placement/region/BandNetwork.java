package org.spacemoe.ground.placement.region;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.GridLink;
import org.spacemoe.shared.constellation.SatelliteStates;
import org.spacemoe.shared.routing.NetworkRealisations;

/**
 * The satellites of a {@link PlaneBand} and the candidate links between them, in local indices
 * {@code 0..size()-1}. {@link #graph} gives a slot's draw-0 realisation restricted to the band with the very link
 * lengths, failures and hop latencies of {@link NetworkRealisations#realisation}: the same states (bit for bit,
 * {@link Constellation#statesOf}), the same survival draw over all candidate links.
 * A local satellite is on the boundary when some candidate link joins it to a satellite outside the band.
 */
public final class BandNetwork {
  private final NetworkRealisations net;
  private final int[] globalOf;
  private final int[] localOf;
  private final int[] linkIndex;
  private final int[] linkA;
  private final int[] linkB;
  private final boolean[] boundary;

  public BandNetwork(NetworkRealisations net, PlaneBand band) {
    this.net = net;
    Constellation c = net.constellation();
    this.globalOf = band.satellites(c);
    this.localOf = new int[c.size()];
    Arrays.fill(localOf, -1);
    for (int i = 0; i < globalOf.length; i++) {
      localOf[globalOf[i]] = i;
    }
    List<GridLink> links = c.gridLinks();
    int[] idx = new int[links.size()];
    int[] a = new int[links.size()];
    int[] b = new int[links.size()];
    boundary = new boolean[globalOf.length];
    int m = 0;
    for (int i = 0; i < links.size(); i++) {
      GridLink l = links.get(i);
      int la = localOf[l.a()];
      int lb = localOf[l.b()];
      if (la >= 0 && lb >= 0) {
        idx[m] = i;
        a[m] = la;
        b[m++] = lb;
      } else if (la >= 0) {
        boundary[la] = true;
      } else if (lb >= 0) {
        boundary[lb] = true;
      }
    }
    linkIndex = Arrays.copyOf(idx, m);
    linkA = Arrays.copyOf(a, m);
    linkB = Arrays.copyOf(b, m);
  }

  public int size() {
    return globalOf.length;
  }

  /** Dense (constellation) index of local satellite {@code local}. */
  public int global(int local) {
    return globalOf[local];
  }

  /** Local index of dense index {@code global}, -1 outside the band. */
  public int local(int global) {
    return localOf[global];
  }

  public boolean isBoundary(int local) {
    return boundary[local];
  }

  /** Slot {@code slot}'s links that exist and survive draw 0, weighted by hop latency (s). */
  public BandGraph graph(int slot) {
    SatelliteStates st = net.constellation().statesOf(globalOf, net.slots().timeS(slot));
    BitSet up = net.survival().sample(slot, 0, net.constellation().gridLinks().size());
    int[] a = new int[linkIndex.length];
    int[] b = new int[linkIndex.length];
    double[] w = new double[linkIndex.length];
    int m = 0;
    for (int k = 0; k < linkIndex.length; k++) {
      if (!up.get(linkIndex[k])) {
        continue;
      }
      double km = net.rules().lengthIfFeasibleKm(st, linkA[k], linkB[k]);
      if (!Double.isNaN(km)) {
        a[m] = linkA[k];
        b[m] = linkB[k];
        w[m++] = net.hop().hopS(km);
      }
    }
    return new BandGraph(globalOf.length, a, b, w, m, boundary);
  }
}
