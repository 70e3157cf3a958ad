package org.spacemoe.shared.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.EdgeCasesMode;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.WeightedMultigraph;
import org.junit.jupiter.api.Test;

/** The targeted CSR Dijkstra against JGraphT's {@link DijkstraShortestPath} on random graphs. */
class CompactIslGraphTest {

  record Edge(int a, int b, double w) {}

  /** A graph on {@code n} vertices and, per source, the targets asked for (duplicates allowed). */
  record Case(int n, List<Edge> edges, int[] sources, List<int[]> targets) {
    @Override
    public String toString() {
      return "n=" + n + " edges=" + edges + " sources=" + Arrays.toString(sources) + " targets="
          + targets.stream().map(Arrays::toString).toList();
    }
  }

  /** How the connected part is built: a random recursive tree (shallow), a path (deep), or none. */
  enum Skeleton { RANDOM_TREE, PATH, NONE }

  @Provide
  Arbitrary<Case> graphs() {
    return Combinators.combine(Arbitraries.integers().between(1, 60), Arbitraries.of(Skeleton.class),
        Arbitraries.of(true, false)).flatAs((n, skeleton, integral) -> {
      // integer weights 1..3 make equal-length paths (ties) common; random doubles exercise floating sums
      Arbitrary<Double> weight = integral
          ? Arbitraries.integers().between(1, 3).map(Integer::doubleValue)
          : Arbitraries.doubles().between(1e-4, 1.0).ofScale(12);
      // random tree: vertex v (1..n-1) hangs off parent floor(f * v) < v, f in [0, 1)
      Arbitrary<List<Double>> parentFractions =
          Arbitraries.doubles().between(0, true, 1, false).ofScale(6).list().ofSize(n - 1);
      Arbitrary<List<int[]>> extraPairs = n < 2 ? Arbitraries.just(List.of())
          : Combinators.combine(Arbitraries.integers().between(0, n - 1), Arbitraries.integers().between(1, n - 1))
              .as((a, k) -> new int[] {a, (a + k) % n}) // k in [1, n-1]: never a self loop
              .list().ofMaxSize(3 * n);
      Arbitrary<int[]> sources = Arbitraries.integers().between(0, n - 1).array(int[].class).ofMinSize(1).ofMaxSize(3);
      Arbitrary<List<int[]>> targets =
          Arbitraries.integers().between(0, n - 1).array(int[].class).ofMaxSize(n + 2).list().ofSize(3);
      return Combinators.combine(parentFractions, extraPairs, weight.list().ofSize(n - 1 + 3 * n), sources, targets)
          .as((fractions, extra, weights, src, tgt) -> {
            List<Edge> edges = new ArrayList<>();
            int w = 0;
            for (int v = 1; v < n && skeleton != Skeleton.NONE; v++) {
              int parent = skeleton == Skeleton.PATH ? v - 1 : (int) Math.floor(fractions.get(v - 1) * v);
              edges.add(new Edge(v, parent, weights.get(w++)));
            }
            for (int[] p : extra) {
              edges.add(new Edge(p[0], p[1], weights.get(w++)));
            }
            return new Case(n, edges, src, tgt.subList(0, src.length));
          });
    });
  }

  private static CompactIslGraph compact(Case c) {
    int m = c.edges().size();
    // arrays longer than m: the graph must use only the first m entries
    int[] a = new int[m + 3];
    int[] b = new int[m + 3];
    double[] w = new double[m + 3];
    Arrays.fill(w, -1);
    for (int i = 0; i < m; i++) {
      a[i] = c.edges().get(i).a();
      b[i] = c.edges().get(i).b();
      w[i] = c.edges().get(i).w();
    }
    return new CompactIslGraph(c.n(), a, b, w, m);
  }

  private static Graph<Integer, DefaultWeightedEdge> jgrapht(Case c) {
    Graph<Integer, DefaultWeightedEdge> g = new WeightedMultigraph<>(DefaultWeightedEdge.class);
    for (int v = 0; v < c.n(); v++) {
      g.addVertex(v);
    }
    for (Edge e : c.edges()) {
      DefaultWeightedEdge edge = g.addEdge(e.a(), e.b());
      g.setEdgeWeight(edge, e.w());
    }
    return g;
  }

  /**
   * Hop counts of all shortest paths: bit h of {@code result[v]} is set when some shortest source-v path has h
   * edges. Built over the "tight" edges (dist[u] + w = dist[v]) in order of distance.
   */
  private static BitSet[] shortestPathHopCounts(Case c, int source, double[] dist) {
    BitSet[] hops = new BitSet[c.n()];
    for (int v = 0; v < c.n(); v++) {
      hops[v] = new BitSet();
    }
    hops[source].set(0);
    Integer[] order = IntStream.range(0, c.n()).boxed().filter(v -> Double.isFinite(dist[v]))
        .sorted(Comparator.comparingDouble(v -> dist[v])).toArray(Integer[]::new);
    for (int v : order) {
      for (Edge e : c.edges()) {
        int u = e.a() == v ? e.b() : e.b() == v ? e.a() : -1;
        if (u >= 0 && Double.isFinite(dist[u]) && dist[u] < dist[v] && Math.abs(dist[u] + e.w() - dist[v]) <= 1e-12) {
          BitSet shifted = new BitSet();
          hops[u].stream().forEach(h -> shifted.set(h + 1));
          hops[v].or(shifted);
        }
      }
    }
    return hops;
  }

  @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE) // small cases: see the examples below
  void sameDistancesAsJGraphTAndHopsOfAShortestPath(@ForAll("graphs") Case c) {
    CompactIslGraph graph = compact(c);
    assertEquals(c.n(), graph.vertexCount());
    Graph<Integer, DefaultWeightedEdge> g = jgrapht(c);
    // several searches on one graph object: the per-thread workspace must not leak state between them
    for (int k = 0; k < c.sources().length; k++) {
      int source = c.sources()[k];
      int[] targets = c.targets().get(k);
      SingleSourcePaths<Integer, DefaultWeightedEdge> ref = new DijkstraShortestPath<>(g).getPaths(source);
      double[] dist = new double[c.n()];
      for (int v = 0; v < c.n(); v++) {
        dist[v] = ref.getWeight(v);
      }
      BitSet[] hopCounts = shortestPathHopCounts(c, source, dist);
      double[] out = new double[targets.length];
      int[] hops = new int[targets.length];
      Arrays.fill(hops, 12345);
      graph.shortest(source, targets, out, hops);
      for (int i = 0; i < targets.length; i++) {
        int t = targets[i];
        String where = "source " + source + " target " + t;
        if (Double.isInfinite(dist[t])) {
          assertEquals(Double.POSITIVE_INFINITY, out[i], where);
          assertEquals(-1, hops[i], where);
        } else {
          assertEquals(dist[t], out[i], 1e-12, where);
          assertTrue(hops[i] >= 0, where);
          assertTrue(hopCounts[t].get(hops[i]), where + ": " + hops[i] + " hops, shortest paths have " + hopCounts[t]);
        }
        if (t == source) {
          assertEquals(0.0, out[i], where);
          assertEquals(0, hops[i], where);
        }
      }
    }
  }

  @Test
  void tiesDoNotConfuseHopCounts() {
    // square 0-1-2-3-0 with unit weights plus a diagonal 0-2 of weight 2: vertex 2 is at distance 2
    // by three shortest paths, with 1 (diagonal) or 2 hops
    int[] a = {0, 1, 2, 3, 0};
    int[] b = {1, 2, 3, 0, 2};
    double[] w = {1, 1, 1, 1, 2};
    CompactIslGraph g = new CompactIslGraph(4, a, b, w, 5);
    double[] d = new double[4];
    int[] h = new int[4];
    g.shortest(0, new int[] {0, 1, 2, 3}, d, h);
    assertEquals(List.of(0.0, 1.0, 2.0, 1.0), Arrays.stream(d).boxed().toList());
    assertEquals(0, h[0]);
    assertEquals(1, h[1]);
    assertTrue(h[2] == 1 || h[2] == 2, "hops to 2: " + h[2]);
    assertEquals(1, h[3]);
  }

  @Test
  void singleVertexWithoutEdges() {
    CompactIslGraph g = new CompactIslGraph(1, new int[0], new int[0], new double[0], 0);
    double[] d = {-1, -1};
    int[] h = {-7, -7};
    g.shortest(0, new int[] {0, 0}, d, h);
    assertEquals(0.0, d[0]);
    assertEquals(0.0, d[1]);
    assertEquals(0, h[0]);
    assertEquals(0, h[1]);
  }

  @Test
  void emptyTargetListAndIsolatedVertices() {
    CompactIslGraph g = new CompactIslGraph(3, new int[] {0}, new int[] {1}, new double[] {0.5}, 1);
    g.shortest(0, new int[0], new double[0], new int[0]);
    double[] d = new double[3];
    int[] h = new int[3];
    g.shortest(2, new int[] {0, 1, 2}, d, h);
    assertEquals(Double.POSITIVE_INFINITY, d[0]);
    assertEquals(Double.POSITIVE_INFINITY, d[1]);
    assertEquals(0.0, d[2]);
    assertEquals(-1, h[0]);
    assertEquals(-1, h[1]);
    assertEquals(0, h[2]);
    // then a search from 0 on the same workspace must not see the previous search's state
    g.shortest(0, new int[] {1, 2}, d, h);
    assertEquals(0.5, d[0]);
    assertEquals(1, h[0]);
    assertEquals(Double.POSITIVE_INFINITY, d[1]);
    assertEquals(-1, h[1]);
  }
}
