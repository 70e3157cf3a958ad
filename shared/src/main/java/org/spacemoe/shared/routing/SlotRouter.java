package org.spacemoe.shared.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.alg.util.Triple;
import org.jgrapht.opt.graph.sparse.SparseIntUndirectedWeightedGraph;
import org.spacemoe.shared.constellation.GridLink;
import org.spacemoe.shared.constellation.IslSnapshot;

/**
 * Shortest-latency routing on the ISL graph of one realisation: one slot's existing links minus the links
 * that failed in that realisation. Edge weight = hop latency (s) from {@link HopLatencyModel}. Uses JGraphT's
 * Dijkstra on a compact int graph.
 */
public final class SlotRouter {
  private final Graph<Integer, Integer> graph;
  private final int size;
  private final int edgeCount;

  /**
   * @param up candidate links that survived this realisation; {@code null} means all survived
   */
  public SlotRouter(IslSnapshot snapshot, BitSet up, HopLatencyModel hop) {
    this.size = snapshot.satelliteCount();
    List<GridLink> links = snapshot.candidates();
    List<Triple<Integer, Integer, Double>> edges = new ArrayList<>(links.size());
    for (int i = 0; i < links.size(); i++) {
      if (snapshot.exists(i) && (up == null || up.get(i))) {
        GridLink l = links.get(i);
        edges.add(Triple.of(l.a(), l.b(), hop.hopS(snapshot.lengthKm(i))));
      }
    }
    this.edgeCount = edges.size();
    this.graph = new SparseIntUndirectedWeightedGraph(size, edges);
  }

  public int edgeCount() {
    return edgeCount;
  }

  /** Latency (s) from {@code source} to every satellite; {@code +Infinity} where no path exists. */
  public double[] latenciesFrom(int source) {
    SingleSourcePaths<Integer, Integer> paths = new DijkstraShortestPath<>(graph).getPaths(source);
    double[] out = new double[size];
    Arrays.fill(out, Double.POSITIVE_INFINITY);
    for (int v = 0; v < size; v++) {
      out[v] = paths.getWeight(v);
    }
    return out;
  }
}
