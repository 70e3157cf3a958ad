package org.spacemoe.ground.split;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.AStarShortestPath;
import org.jgrapht.graph.DirectedWeightedMultigraph;
import org.spacemoe.shared.model.HiddenStateCodec;

/**
 * Chooses cut points and per-cut codecs jointly as the shortest path on a DAG of {@link SplitState}s with
 * JGraphT's A* and {@link SplitHeuristic}. Edges exist only where the stage fits its satellite's memory and the
 * accumulated loss stays within the budget, so every path start to {@link SplitState#END} is a feasible plan and its
 * weight is the plan's per-token latency under {@link SplitEvaluator}.
 */
public final class AStarSplitPlanner {
  private final SplitProblem p;
  private final List<HiddenStateCodec> lossy = new ArrayList<>();

  public AStarSplitPlanner(SplitProblem problem) {
    this.p = problem;
    for (HiddenStateCodec c : problem.codecs().available()) {
      if (problem.codecs().lossPerCut(c) > 0) {
        lossy.add(c);
      }
    }
  }

  public SplitSearchResult plan() {
    SplitHeuristic h = new SplitHeuristic(p);
    Graph<SplitState, SplitEdge> g = build(h);
    SplitState start = start();
    if (!g.containsVertex(SplitState.END)) {
      return new SplitSearchResult(null, Double.POSITIVE_INFINITY, g.vertexSet().size(), g.edgeSet().size(), 0, 0);
    }
    AStarShortestPath<SplitState, SplitEdge> astar = new AStarShortestPath<>(g, h);
    GraphPath<SplitState, SplitEdge> path = astar.getPath(start, SplitState.END);
    AStarShortestPath<SplitState, SplitEdge> dijkstra = new AStarShortestPath<>(g, (a, b) -> 0.0);
    dijkstra.getPath(start, SplitState.END);
    if (path == null) {
      return new SplitSearchResult(null, Double.POSITIVE_INFINITY, g.vertexSet().size(), g.edgeSet().size(),
          astar.getNumberOfExpandedNodes(), dijkstra.getNumberOfExpandedNodes());
    }
    List<Integer> ends = new ArrayList<>();
    List<HiddenStateCodec> codecs = new ArrayList<>();
    for (SplitEdge e : path.getEdgeList()) {
      ends.add(e.to);
      if (e.codec != null) {
        codecs.add(e.codec);
      }
    }
    return new SplitSearchResult(new SplitPlan(ends, codecs), path.getWeight(), g.vertexSet().size(),
        g.edgeSet().size(), astar.getNumberOfExpandedNodes(), dijkstra.getNumberOfExpandedNodes());
  }

  private SplitState start() {
    return new SplitState(0, 0, Collections.nCopies(lossy.size(), 0));
  }

  /** The DAG reachable from the start, without states from which even the memory bound rules out finishing. */
  Graph<SplitState, SplitEdge> build(SplitHeuristic h) {
    Graph<SplitState, SplitEdge> g = new DirectedWeightedMultigraph<>(null, null);
    SplitState start = start();
    g.addVertex(start);
    Deque<SplitState> todo = new ArrayDeque<>();
    todo.add(start);
    int u = p.unitCount();
    int n = p.stageCount();
    while (!todo.isEmpty()) {
      SplitState v = todo.poll();
      int b = v.boundary();
      int s = v.stage();
      for (int e = b + 1; e <= u && p.fits(s, b, e); e++) {
        double compute = p.computeS(s, b, e);
        if (e == u) {
          g.addVertex(SplitState.END);
          add(g, v, SplitState.END, new SplitEdge(s, b, e, null), compute + p.ringCloseS(s));
          continue;
        }
        if (s + 1 >= n) {
          continue;
        }
        for (HiddenStateCodec c : p.codecs().available()) {
          List<Integer> counts = new ArrayList<>(v.lossyCuts());
          int i = lossy.indexOf(c);
          if (i >= 0) {
            counts.set(i, counts.get(i) + 1);
          }
          if (!p.withinBudget(loss(counts))) {
            continue;
          }
          SplitState next = new SplitState(e, s + 1, counts);
          if (Double.isInfinite(h.getCostEstimate(next, SplitState.END))) {
            continue;
          }
          if (g.addVertex(next)) {
            todo.add(next);
          }
          add(g, v, next, new SplitEdge(s, b, e, c), compute + p.transferS(s, c));
        }
      }
    }
    return g;
  }

  private static void add(Graph<SplitState, SplitEdge> g, SplitState a, SplitState b, SplitEdge e, double w) {
    g.addEdge(a, b, e);
    g.setEdgeWeight(e, w);
  }

  private double loss(List<Integer> counts) {
    double loss = 0;
    for (int i = 0; i < counts.size(); i++) {
      loss += counts.get(i) * p.codecs().lossPerCut(lossy.get(i));
    }
    return loss;
  }
}
