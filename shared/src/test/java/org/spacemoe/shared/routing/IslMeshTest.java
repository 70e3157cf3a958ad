package org.spacemoe.shared.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.LinkSurvival;
import org.spacemoe.shared.constellation.TimeSlots;

/**
 * The mesh's routes are the planner's: on the paper's 33 x 32 shell, the hop-by-hop sum of link latencies along
 * {@link IslMesh#route} equals {@link NetworkRealisations}' shortest latency and hop count; a link taken down is never
 * on a route again.
 */
class IslMeshTest {
  private static final Constellation C = ConstellationSpecs.parse("walker-star:planes=33,sats=32");
  private static final TimeSlots SLOTS = TimeSlots.overOneOrbit(C, 200);
  private static final double RATE = 100e9;
  private static final IslMesh MESH = new IslMesh(C, IslRules.defaults(), SLOTS, RATE);
  private static final NetworkRealisations PLANNER = new NetworkRealisations(C, IslRules.defaults(), SLOTS,
      new LinkSurvival(1.0, 0), new HopLatencyModel(RATE, 0));

  @Test
  void routesHaveThePlannersLatencyAndHops() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 200; i++) {
      int slot = rnd.nextInt(SLOTS.count());
      int a = rnd.nextInt(C.size());
      int b = rnd.nextInt(C.size());
      int[] route = MESH.route(slot, a, b, Set.of());
      PathLatencies p = PLANNER.realisation(slot, 0).to(a, new int[] {b});
      assertNotNull(route);
      assertEquals(a, route[0]);
      assertEquals(b, route[route.length - 1]);
      assertEquals(p.hops()[0], route.length - 1, "hops " + a + "->" + b);
      double sum = 0;
      for (int h = 0; h + 1 < route.length; h++) {
        assertTrue(MESH.linked(slot, route[h], route[h + 1]));
        sum += MESH.linkLatencyS(slot, route[h], route[h + 1], 0);
      }
      assertEquals(p.latencyS()[0], sum, 1e-12, "latency " + a + "->" + b + " in slot " + slot);
    }
  }

  @Test
  void aLinkDownLeavesTheRoutes() {
    int[] route = MESH.route(0, 0, 200, Set.of());
    long down = IslMesh.linkKey(route[1], route[0]);
    assertEquals(down, IslMesh.linkKey(route[0], route[1]));
    assertArrayEquals(new int[] {Math.min(route[0], route[1]), Math.max(route[0], route[1])}, IslMesh.linkEnds(down));
    int[] detour = MESH.route(0, 0, 200, Set.of(down));
    assertNotNull(detour);
    for (int h = 0; h + 1 < detour.length; h++) {
      assertFalse(IslMesh.linkKey(detour[h], detour[h + 1]) == down, "the detour avoids the link down");
    }
    double a = 0;
    double b = 0;
    for (int h = 0; h + 1 < route.length; h++) {
      a += MESH.linkLatencyS(0, route[h], route[h + 1], 0);
    }
    for (int h = 0; h + 1 < detour.length; h++) {
      b += MESH.linkLatencyS(0, detour[h], detour[h + 1], 0);
    }
    assertTrue(b >= a, "a detour is never shorter than the shortest route");
  }

  @Test
  void cutOffSatelliteHasNoRoute() {
    Set<Long> down = new HashSet<>();
    for (int n : MESH.neighbours(0, 5, Set.of())) {
      down.add(IslMesh.linkKey(5, n));
    }
    assertNull(MESH.route(0, 0, 5, down));
    assertEquals(0, MESH.neighbours(0, 5, down).length);
  }

  @Test
  void satellitesOnRoutesCoverRoutesAndTheirNeighbours() {
    int[] members = {0, 40, 77};
    BitSet on = MESH.satellitesOnRoutes(0, members);
    for (int a : members) {
      for (int b : members) {
        for (int v : MESH.route(0, a, b, Set.of())) {
          assertTrue(on.get(v));
          for (int n : MESH.neighbours(0, v, Set.of())) {
            assertTrue(on.get(n), "neighbour " + n + " of route satellite " + v);
          }
        }
      }
    }
  }

  @Test
  void transmissionIsAddedPerLinkAndUnknownLinksAreRefused() {
    int[] route = MESH.route(0, 0, 1, Set.of());
    double bare = MESH.linkLatencyS(0, route[0], route[1], 0);
    assertEquals(bare + 8_000 * 8 / RATE, MESH.linkLatencyS(0, route[0], route[1], 8_000), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> MESH.linkLatencyS(0, 0, 500, 10));
    assertThrows(IllegalArgumentException.class, () -> MESH.route(200, 0, 1, Set.of()));
  }
}
