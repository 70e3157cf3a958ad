package org.spacemoe.shared.routing;

import java.util.BitSet;
import java.util.List;
import org.spacemoe.shared.constellation.GridLink;
import org.spacemoe.shared.constellation.IslSnapshot;

/**
 * Shortest-latency routing on the ISL graph of one realisation: one slot's existing links minus the links
 * that failed in that realisation. Edge weight = hop latency (s) from {@link HopLatencyModel}. Thread-safe.
 */
public final class SlotRouter {
  private final CompactIslGraph graph;
  private final int edgeCount;

  /** @param up candidate links that survived this realisation; {@code null} means all survived */
  public SlotRouter(IslSnapshot snapshot, BitSet up, HopLatencyModel hop) {
    List<GridLink> links = snapshot.candidates();
    int[] a = new int[links.size()];
    int[] b = new int[links.size()];
    double[] w = new double[links.size()];
    int m = 0;
    for (int i = 0; i < links.size(); i++) {
      if (snapshot.exists(i) && (up == null || up.get(i))) {
        GridLink l = links.get(i);
        a[m] = l.a();
        b[m] = l.b();
        w[m++] = hop.hopS(snapshot.lengthKm(i));
      }
    }
    this.edgeCount = m;
    this.graph = new CompactIslGraph(snapshot.satelliteCount(), a, b, w, m);
  }

  public int edgeCount() {
    return edgeCount;
  }

  public int size() {
    return graph.vertexCount();
  }

  /**
   * Latency (s) and hop count from {@code source} to each of {@code targets}, written at the same positions
   * of {@code latencyS} and {@code hops}; {@code +Infinity} and {@code -1} where no path exists. The search
   * stops once every target is settled.
   */
  public void shortest(int source, int[] targets, double[] latencyS, int[] hops) {
    graph.shortest(source, targets, latencyS, hops);
  }

  /**
   * The satellites of a shortest-latency path from {@code source} to {@code target}, both included, or null when
   * none exists. Its latency is that of {@link #shortest}.
   */
  public int[] path(int source, int target) {
    return graph.path(source, target);
  }

  /** Latency of the link {@code a}-{@code b} (hop latency of {@link HopLatencyModel}), s; NaN if it is not up. */
  public double linkS(int a, int b) {
    return graph.weight(a, b);
  }

  /** The satellites linked to {@code satellite} by an up link. */
  public int[] neighbours(int satellite) {
    return graph.neighboursOf(satellite);
  }
}
