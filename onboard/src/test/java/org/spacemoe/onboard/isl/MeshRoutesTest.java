package org.spacemoe.onboard.isl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spacemoe.onboard.link.LinkDelayModel;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.TimeSlots;

/** A mesh node's next hops: the planner's route, around links it takes as down, and back when they come up. */
class MeshRoutesTest {
  private static final double RATE = 100e9;
  private final Constellation c = ConstellationSpecs.parse("walker-star:planes=12,sats=16");
  private final MeshRoutes routes = new MeshRoutes(c, IslRules.defaults(), TimeSlots.overOneOrbit(c, 4), RATE);

  /** The satellites a frame visits from {@code from} to {@code to} in slot 0, both ends included. */
  private java.util.List<String> walk(String from, String to) {
    java.util.List<String> path = new java.util.ArrayList<>(java.util.List.of(from));
    String at = from;
    while (!at.equals(to)) {
      at = routes.nextHop(0, at, to);
      if (at == null) {
        return null;
      }
      assertTrue(path.size() < c.size(), "a loop: " + path);
      path.add(at);
    }
    return path;
  }

  @Test
  void hopsFollowLinksAndTheirLatenciesSumToTheEmulatedPathLatency() {
    java.util.List<String> path = walk("p00s00", "p05s09");
    assertTrue(path.size() > 2, path.toString());
    double sum = 0;
    for (int i = 1; i < path.size(); i++) {
      assertTrue(routes.linked(0, path.get(i - 1), path.get(i)));
      sum += routes.linkLatencyS(0, path.get(i - 1), path.get(i), 1000);
    }
    LinkDelayModel delays = new LinkDelayModel(c, IslRules.defaults(), 4, RATE);
    assertEquals(delays.latencyS(0, "p00s00", "p05s09", 1000), sum, 1e-12);
    assertEquals(0, delays.latencyS(0, "p05s09", "p05s09", 1000));
  }

  @Test
  void aLinkTakenDownIsGoneAroundAndComesBackWhenUp() {
    java.util.List<String> nominal = walk("p00s00", "p05s09");
    String a = nominal.get(0);
    String b = nominal.get(1);
    assertTrue(routes.markDown(a, b));
    assertFalse(routes.markDown(b, a), "one link, either direction");
    assertTrue(routes.isDown(b, a));
    java.util.List<String> detour = walk("p00s00", "p05s09");
    assertNotEquals(b, detour.get(1));
    assertEquals(b, routes.nominalNextHop(0, a, "p05s09"), "the planner's hop stays what it predicted");
    assertTrue(routes.markUp(a, b));
    assertFalse(routes.markUp(a, b));
    assertEquals(nominal, walk("p00s00", "p05s09"));
  }

  @Test
  void noRouteLeftIsNullAndAnUnknownSatelliteIsABrokenInvariant() {
    String lone = "p04s07";
    for (String other : c.satellites().stream().map(s -> s.name()).toList()) {
      if (!other.equals(lone) && routes.linked(0, lone, other)) {
        routes.markDown(lone, other);
      }
    }
    assertNull(routes.nextHop(0, "p00s00", lone));
    assertThrows(IllegalArgumentException.class, () -> routes.nextHop(0, "p00s00", "p99s99"));
    assertFalse(routes.knows("p99s99"));
  }
}
