package org.spacemoe.ground.placement;

import java.util.HashSet;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.MatchingAlgorithm;
import org.jgrapht.alg.matching.KuhnMunkresMinimalWeightBipartitePerfectMatching;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * Optimal linear assignment of experts to candidates (JGraphT's Kuhn-Munkres) for the same objective as
 * {@link SortedExpertAssigner}: cost of expert e on candidate c is {@code p_e * L(c)}; unused candidates
 * are matched to zero-cost dummy experts so the bipartite matching is perfect.
 */
public final class HungarianExpertAssigner {
  private HungarianExpertAssigner() {}

  public static LinearExpertAssignment assign(double[] shares, double[] latencyS) {
    int experts = shares.length;
    int m = latencyS.length;
    if (m < experts) {
      throw new IllegalArgumentException("fewer candidates (" + m + ") than experts (" + experts + ")");
    }
    Graph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    Set<Integer> left = new HashSet<>();
    Set<Integer> right = new HashSet<>();
    for (int i = 0; i < m; i++) {
      g.addVertex(i);
      left.add(i);
      g.addVertex(m + i);
      right.add(m + i);
    }
    for (int i = 0; i < m; i++) {
      double p = i < experts ? shares[i] : 0;
      for (int c = 0; c < m; c++) {
        DefaultWeightedEdge e = g.addEdge(i, m + c);
        g.setEdgeWeight(e, p * latencyS[c]);
      }
    }
    MatchingAlgorithm.Matching<Integer, DefaultWeightedEdge> matching =
        new KuhnMunkresMinimalWeightBipartitePerfectMatching<>(g, left, right).getMatching();
    int[] out = new int[experts];
    for (DefaultWeightedEdge e : matching.getEdges()) {
      int a = g.getEdgeSource(e);
      int b = g.getEdgeTarget(e);
      int expert = Math.min(a, b);
      int cand = Math.max(a, b) - m;
      if (expert < experts) {
        out[expert] = cand;
      }
    }
    return new LinearExpertAssignment(out, LinearExpertAssignment.objective(shares, latencyS, out));
  }
}
