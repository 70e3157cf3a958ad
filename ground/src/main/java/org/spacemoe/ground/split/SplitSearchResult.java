package org.spacemoe.ground.split;

/**
 * What a split search found and how much work it took.
 *
 * @param plan the cheapest feasible plan, or {@code null} when none exists
 * @param latencyS its per-token latency, s ({@code +Infinity} when none)
 * @param dagStates states of the DAG reachable from the start (built before the search)
 * @param dagEdges edges among them
 * @param expandedStates states A* expanded
 * @param expandedWithoutHeuristic states the same search expands with a zero heuristic (Dijkstra)
 */
public record SplitSearchResult(SplitPlan plan, double latencyS, int dagStates, int dagEdges, int expandedStates,
    int expandedWithoutHeuristic) {
  public boolean found() {
    return plan != null;
  }
}
