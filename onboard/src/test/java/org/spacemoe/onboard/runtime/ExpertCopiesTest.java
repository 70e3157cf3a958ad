package org.spacemoe.onboard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;

/** The gateway's copy rule: lowest modelled latency among untried hosts that are not suspect. */
class ExpertCopiesTest {
  private static final long BACKOFF = TimeUnit.SECONDS.toNanos(5);
  /** Expert 0 on a, b, c; expert 1 only on d. Latencies from the gateway g: b < c < a. */
  private static final PlacementPlan PLAN = new PlacementPlan(PlacementPlan.SCHEMA_VERSION, 1, "t", "t",
      List.of(new LayerPlacement(0, List.of("g", "a", "b", "c", "d"), "g",
          List.of(List.of("a", "b", "c"), List.of("d")))), Map.of(), null);
  private static final Map<String, Double> LATENCY_S = Map.of("a", 0.030, "b", 0.010, "c", 0.020, "d", 0.5);
  private static final ToDoubleFunction<String> LAT = LATENCY_S::get;

  private final SuspectHosts suspects = new SuspectHosts(BACKOFF);
  private final ExpertCopies copies = new ExpertCopies(new PlanRoles(PLAN), suspects);

  @Test
  void picksTheNearestCopyThenTheNextUntried() {
    assertEquals(3, copies.copies(0, 0));
    assertEquals("b", copies.pick(0, 0, LAT, Set.of(), 0));
    assertEquals("c", copies.pick(0, 0, LAT, Set.of("b"), 0));
    assertEquals("a", copies.pick(0, 0, LAT, Set.of("b", "c"), 0));
    assertNull(copies.pick(0, 0, LAT, Set.of("a", "b", "c"), 0));
    assertEquals("d", copies.pick(0, 1, LAT, Set.of(), 0));
    assertNull(copies.pick(0, 1, LAT, Set.of("d"), 0));
  }

  @Test
  void suspectHostsAreSkippedUntilTheirBackoffEnds() {
    suspects.markSuspect("b", 0);
    assertEquals("c", copies.pick(0, 0, LAT, Set.of(), 1));
    suspects.markSuspect("c", 1);
    assertEquals("a", copies.pick(0, 0, LAT, Set.of(), 2));
    // every untried copy suspect: the nearest of them rather than none
    suspects.markSuspect("a", 2);
    assertEquals("b", copies.pick(0, 0, LAT, Set.of(), 3));
    assertEquals("c", copies.pick(0, 0, LAT, Set.of("b"), 3));
    // back-offs over: the nearest copy again
    assertEquals("b", copies.pick(0, 0, LAT, Set.of(), BACKOFF + 1));
  }

  @Test
  void everyCopyHostsTheExpert() {
    PlanRoles roles = new PlanRoles(PLAN);
    for (String h : List.of("a", "b", "c")) {
      assertEquals(1, roles.expertsOf(h).size(), h);
      assertEquals(0, roles.expertsOf(h).get(0)[1], h);
    }
    assertEquals(List.of("a", "b", "c"), roles.expertHosts(0, 0));
  }
}
