package org.spacemoe.ground.placement.region;

import java.util.Arrays;
import org.spacemoe.shared.routing.NodeHeap;

/**
 * Dijkstra from a gateway over one slot's {@link LazyIslNetwork.Slot}, stopped once {@code quota} members of its
 * layer (besides the gateway) and every {@code required} satellite are settled, or nothing is left. The graph is the
 * whole constellation's, so every settled latency is the whole-constellation shortest latency, and the smallest key
 * left in the heap bounds every unsettled satellite's latency from below.
 */
final class NearestMembersSearch {
  private NearestMembersSearch() {}

  static NearestMembers run(LazyIslNetwork.Slot g, int source, int[] layerOf, int layer, int quota, int[] required) {
    LazyIslNetwork.Workspace ws = g.workspace();
    int stamp = ws.nextSearchStamp();
    int requiredLeft = 0;
    for (int r : required) {
      if (ws.wanted[r] != stamp) {
        ws.wanted[r] = stamp;
        requiredLeft++;
      }
    }
    NodeHeap heap = new NodeHeap(64);
    ws.seen[source] = stamp;
    ws.dist[source] = 0;
    heap.push(0, source);
    int[] found = new int[Math.max(4, quota + required.length + 1)];
    double[] foundS = new double[found.length];
    int count = 0;
    int membersSettled = 0;
    int settledCount = 0;
    while (!heap.isEmpty() && (membersSettled < quota || requiredLeft > 0)) {
      double d = heap.minKey();
      int u = heap.pop();
      if (ws.settled[u] == stamp || d > ws.dist[u]) {
        continue;
      }
      ws.settled[u] = stamp;
      settledCount++;
      if (ws.wanted[u] == stamp) {
        requiredLeft--;
      }
      if (layerOf[u] == layer) {
        if (count == found.length) {
          found = Arrays.copyOf(found, 2 * count);
          foundS = Arrays.copyOf(foundS, 2 * count);
        }
        found[count] = u;
        foundS[count++] = d;
        if (u != source) {
          membersSettled++;
        }
      }
      for (int k = 0; k < g.degree(u); k++) {
        double w = g.latencyS(u, k);
        if (Double.isNaN(w)) {
          continue;
        }
        int v = g.neighbour(u, k);
        double nd = d + w;
        if (ws.seen[v] != stamp || nd < ws.dist[v]) {
          ws.seen[v] = stamp;
          ws.dist[v] = nd;
          heap.push(nd, v);
        }
      }
    }
    double othersAtLeast = heap.isEmpty() ? Double.POSITIVE_INFINITY : heap.minKey();
    int kept = 0;
    for (int i = 0; i < count; i++) {
      if (foundS[i] < othersAtLeast) {
        found[kept] = found[i];
        foundS[kept++] = foundS[i];
      }
    }
    return new NearestMembers(Arrays.copyOf(found, kept), Arrays.copyOf(foundS, kept), othersAtLeast, settledCount);
  }
}
