package org.spacemoe.ground.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** A* against brute force on instances small enough to enumerate. */
class SplitPlannerPropertiesTest {

  @Property(tries = 300)
  void aStarFindsTheBruteForceOptimum(@ForAll long seed) {
    SplitProblem p = SplitFixtures.random(seed);
    SplitSearchResult a = new AStarSplitPlanner(p).plan();
    BruteForceSplitPlanner.Result b = new BruteForceSplitPlanner(p).plan();
    if (b.plan() == null) {
      assertNull(a.plan(), "brute force finds no feasible plan, A* found " + a.plan());
      return;
    }
    assertTrue(a.found(), "A* found nothing, brute force found " + b.plan());
    assertEquals(b.latencyS(), a.latencyS(), 1e-12 * Math.max(1, b.latencyS()), "seed " + seed);
    SplitEvaluator eval = new SplitEvaluator(p);
    assertTrue(eval.feasible(a.plan()), "A* plan infeasible: " + a.plan());
    assertEquals(a.latencyS(), eval.latencyS(a.plan()), 1e-12 * Math.max(1, a.latencyS()),
        "the path weight is the evaluator's latency");
    assertTrue(a.expandedStates() <= b.visitedStates(), a.expandedStates() + " > " + b.visitedStates());
    assertTrue(a.expandedStates() <= a.expandedWithoutHeuristic(),
        "the heuristic made A* expand more than Dijkstra: " + a);
  }

  @Property(tries = 100)
  void theHeuristicIsConsistentOnTheDag(@ForAll long seed) {
    SplitProblem p = SplitFixtures.random(seed);
    SplitHeuristic h = new SplitHeuristic(p);
    assertTrue(h.isConsistent(new AStarSplitPlanner(p).build(h)), "seed " + seed);
  }

  /** Reports the work of both searches over fixed seeds; A* visits fewer states in total and on each larger one. */
  @Test
  void aStarVisitsFewerStatesThanBruteForce() {
    long expanded = 0;
    long dijkstra = 0;
    long enumerated = 0;
    int instances = 0;
    int feasible = 0;
    for (long seed = 1; seed <= 60; seed++) {
      SplitProblem p = SplitFixtures.random(seed);
      SplitSearchResult a = new AStarSplitPlanner(p).plan();
      BruteForceSplitPlanner.Result b = new BruteForceSplitPlanner(p).plan();
      expanded += a.expandedStates();
      dijkstra += a.expandedWithoutHeuristic();
      enumerated += b.visitedStates();
      instances++;
      feasible += b.plan() == null ? 0 : 1;
      if (p.unitCount() >= 4 && p.stageCount() >= 3 && b.plan() != null) {
        assertTrue(a.expandedStates() < b.visitedStates(), "seed " + seed + ": A* " + a.expandedStates()
            + ", brute force " + b.visitedStates());
      }
    }
    System.out.printf("split search over %d random instances (%d feasible): A* expanded %d states, Dijkstra %d, "
        + "brute force enumerated %d%n", instances, feasible, expanded, dijkstra, enumerated);
    assertTrue(feasible >= instances / 3, "too few feasible instances to compare: " + feasible);
    assertTrue(expanded < enumerated);
    assertTrue(expanded <= dijkstra);
  }
}
