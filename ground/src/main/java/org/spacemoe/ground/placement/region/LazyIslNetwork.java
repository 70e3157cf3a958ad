package org.spacemoe.ground.placement.region;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.GridLink;
import org.spacemoe.shared.constellation.SatelliteStates;
import org.spacemoe.shared.constellation.WalkerConstellation;
import org.spacemoe.shared.routing.NetworkRealisations;

/**
 * The draw-0 realisation of every slot of a {@link NetworkRealisations}, evaluated lazily: a search computes only
 * the states and links of the satellites it reaches. Link lengths, failures and hop latencies are those of
 * {@link NetworkRealisations#realisation}: the same states bit for bit ({@link Constellation#statesOf}), the same
 * feasibility rule, the same survival draw over all candidate links. Memory: the candidate adjacency (compressed
 * rows, about 36 bytes per satellite on a +Grid) plus one workspace per searching thread (about 100 bytes per
 * satellite: states, link latencies, search arrays).
 */
public final class LazyIslNetwork {
  private final NetworkRealisations net;
  private final int n;
  private final int linkCount;
  private final int[] offsets;
  private final int[] linkAt;
  private final int[] otherEnd;
  private final ThreadLocal<Workspace> workspace;
  /** Walker states are computed per satellite; other constellations (TLE, SGP4) propagate all at once per slot. */
  private final boolean statesPerSatellite;

  public LazyIslNetwork(NetworkRealisations net) {
    this.net = net;
    Constellation c = net.constellation();
    this.n = c.size();
    List<GridLink> links = c.gridLinks();
    this.linkCount = links.size();
    offsets = new int[n + 1];
    for (GridLink l : links) {
      offsets[l.a() + 1]++;
      offsets[l.b() + 1]++;
    }
    for (int v = 0; v < n; v++) {
      offsets[v + 1] += offsets[v];
    }
    linkAt = new int[2 * linkCount];
    otherEnd = new int[2 * linkCount];
    int[] fill = Arrays.copyOf(offsets, n);
    for (int i = 0; i < linkCount; i++) {
      GridLink l = links.get(i);
      linkAt[fill[l.a()]] = i;
      otherEnd[fill[l.a()]++] = l.b();
      linkAt[fill[l.b()]] = i;
      otherEnd[fill[l.b()]++] = l.a();
    }
    workspace = ThreadLocal.withInitial(() -> new Workspace(n, linkCount));
    this.statesPerSatellite = c instanceof WalkerConstellation;
  }

  public int size() {
    return n;
  }

  /** Slot {@code slot}'s realisation; use it on one thread. */
  public Slot slot(int slot) {
    return new Slot(slot, net.survival().sample(slot, 0, linkCount), workspace.get());
  }

  /** One slot's graph; states and link latencies computed on first use and kept for the slot. */
  public final class Slot {
    private final double timeS;
    private final BitSet up;
    private final Workspace ws;
    private final int stamp;
    private SatelliteStates all;

    private Slot(int slot, BitSet up, Workspace ws) {
      this.timeS = net.slots().timeS(slot);
      this.up = up;
      this.ws = ws;
      this.stamp = ws.nextSlotStamp();
    }

    int degree(int v) {
      return offsets[v + 1] - offsets[v];
    }

    int neighbour(int v, int k) {
      return otherEnd[offsets[v] + k];
    }

    /** Hop latency (s) of the {@code k}-th candidate link of {@code v}; NaN when it does not exist or failed. */
    double latencyS(int v, int k) {
      int link = linkAt[offsets[v] + k];
      if (ws.linkStamp[link] != stamp) {
        ws.linkStamp[link] = stamp;
        double s = Double.NaN;
        if (up.get(link)) {
          // the snapshot measures links from their candidate's first end: keep that order
          GridLink l = net.constellation().gridLinks().get(link);
          ensureState(l.a());
          ensureState(l.b());
          double km = net.rules().lengthIfFeasibleKm(ws.states, l.a(), l.b());
          s = Double.isNaN(km) ? Double.NaN : net.hop().hopS(km);
        }
        ws.linkS[link] = s;
      }
      return ws.linkS[link];
    }

    private void ensureState(int sat) {
      if (ws.stateStamp[sat] == stamp) {
        return;
      }
      ws.stateStamp[sat] = stamp;
      SatelliteStates from;
      int at;
      if (statesPerSatellite) {
        from = net.constellation().statesOf(new int[] {sat}, timeS);
        at = 0;
      } else {
        if (all == null) {
          all = net.constellation().statesAt(timeS);
        }
        from = all;
        at = sat;
      }
      System.arraycopy(from.positionsKm(), 3 * at, ws.states.positionsKm(), 3 * sat, 3);
      System.arraycopy(from.velocitiesKmPerS(), 3 * at, ws.states.velocitiesKmPerS(), 3 * sat, 3);
    }

    Workspace workspace() {
      return ws;
    }
  }

  /** Per-thread arrays reused across slots and searches; stamps avoid clearing them. */
  static final class Workspace {
    final int[] linkStamp;
    final double[] linkS;
    final int[] stateStamp;
    final SatelliteStates states;
    final double[] dist;
    final int[] seen;
    final int[] settled;
    final int[] wanted;
    int slotStamp;
    int searchStamp;

    Workspace(int n, int links) {
      linkStamp = new int[links];
      linkS = new double[links];
      stateStamp = new int[n];
      states = new SatelliteStates(new double[3 * n], new double[3 * n]);
      dist = new double[n];
      seen = new int[n];
      settled = new int[n];
      wanted = new int[n];
    }

    int nextSlotStamp() {
      if (++slotStamp == Integer.MAX_VALUE) {
        Arrays.fill(linkStamp, 0);
        Arrays.fill(stateStamp, 0);
        slotStamp = 1;
      }
      return slotStamp;
    }

    int nextSearchStamp() {
      if (++searchStamp == Integer.MAX_VALUE) {
        Arrays.fill(seen, 0);
        Arrays.fill(settled, 0);
        Arrays.fill(wanted, 0);
        searchStamp = 1;
      }
      return searchStamp;
    }
  }
}
