package org.spacemoe.ground.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.GridLink;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.IslSnapshot;
import org.spacemoe.shared.constellation.LinkSurvival;
import org.spacemoe.shared.constellation.SatelliteNames;
import org.spacemoe.shared.constellation.TimeSlots;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.routing.HopLatencyModel;
import org.spacemoe.shared.routing.NetworkRealisations;
import org.spacemoe.shared.telemetry.SatelliteTelemetry;

/** The console's links of the current slot (from the shared ISL code) and per-hop times by layer (from heartbeats). */
class ConsoleLinksAndHopsTest {
  private static final String SPEC = "walker-star:planes=6,sats=10,altitude-km=550,inclination-deg=87,phasing=1";
  private static final int SLOTS = 12;
  private static final double SURVIVAL = 0.5;
  private static final long SEED = 11;
  private static final List<String> PLAN_SATS = List.of("p00s00", "p00s01", "p01s00", "p01s01", "p03s05");

  static PlacementPlan walkerPlan() {
    PlanInputs inputs = new PlanInputs(SPEC, new PlanInputs.ModelDims("tiny", 2, 2, 1, 64, 32, 100),
        new PlanInputs.DeviceSpec("test-board", 1e9, 1L << 30), "fp32", 16, 1e9, 0.12, SURVIVAL, SLOTS, SEED, "test",
        List.of(), null, 30.0);
    List<LayerPlacement> layers = List.of(
        new LayerPlacement(0, List.of("p00s00", "p00s01"), "p00s00", List.of(List.of("p00s01"), List.of("p01s00"))),
        new LayerPlacement(1, List.of("p01s01"), "p01s01", List.of(List.of("p01s01"), List.of("p03s05"))));
    return new PlacementPlan(PlacementPlan.SCHEMA_VERSION, 3, "hand-made", "test", layers, Map.of(), inputs);
  }

  @Test
  void linksOfThePinnedSlotAreWhatTheSharedIslCodeSaysAndASurvivalCutShowsDown() {
    ConsoleModel m = new ConsoleModel("tcp://test:1883");
    m.setPlan(walkerPlan());
    Constellation c = ConstellationSpecs.parse(SPEC);
    SatelliteNames names = SatelliteNames.of(c);
    IslRules rules = IslRules.defaults().withTrackingLimit(0.12);
    TimeSlots slots = TimeSlots.overOneOrbit(c, SLOTS, 30.0);
    int cutSeen = 0;
    for (int slot : new int[] {0, 4, 7}) {
      m.pinSlot(slot);
      ConsoleState.Links links = m.snapshot().links();
      assertNull(links.unavailable());
      assertEquals(slot, links.slot());
      assertEquals("pinned", links.slotRule());
      assertEquals(SLOTS, links.slots());
      IslSnapshot snap = IslSnapshot.of(c, rules, slots, slot);
      BitSet survived = new LinkSurvival(SURVIVAL, SEED).sample(slot, 0, snap.candidates().size());
      Map<String, Boolean> expected = new HashMap<>();
      int upAll = 0;
      for (int i = 0; i < snap.candidates().size(); i++) {
        GridLink l = snap.candidates().get(i);
        String a = names.name(l.a());
        String b = names.name(l.b());
        boolean up = snap.exists(i) && survived.get(i);
        upAll += up ? 1 : 0;
        if (PLAN_SATS.contains(a) || PLAN_SATS.contains(b)) {
          expected.put(a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a, up);
          if (snap.exists(i) && !survived.get(i)) {
            cutSeen++;
          }
        }
      }
      // the same up links as the planner's realisation (slot, draw 0)
      NetworkRealisations net = new NetworkRealisations(c, rules, slots, new LinkSurvival(SURVIVAL, SEED),
          new HopLatencyModel(1e9, 1000));
      assertEquals(net.realisation(slot, 0).upLinkCount(), upAll);
      Map<String, Boolean> shown = new HashMap<>();
      for (ConsoleState.Link l : links.links()) {
        shown.put(l.name(), l.up());
        assertEquals(l.a() + "-" + l.b(), l.name());
        assertTrue(PLAN_SATS.contains(l.a()) || PLAN_SATS.contains(l.b()));
        assertEquals(PLAN_SATS.contains(l.a()) && PLAN_SATS.contains(l.b()), l.bothInPlan());
        if (l.exists() && !l.up()) {
          assertNotNull(l.lengthKm()); // exists in the geometry, cut by the survival draw: down
        }
      }
      assertEquals(expected, shown, "slot " + slot);
      // every plan satellite has its four +Grid neighbours as candidates
      assertTrue(links.links().size() >= 12, links.links().toString());
      assertTrue(links.links().stream().anyMatch(ConsoleState.Link::up));
    }
    assertTrue(cutSeen > 0, "a link the survival draw cuts");
  }

  @Test
  void unpinnedTheSlotFollowsTheClockAndAPlanWithoutAConstellationSaysWhy() {
    ConsoleModel m = new ConsoleModel("tcp://test:1883");
    assertNull(m.snapshot().links());
    m.setPlan(walkerPlan());
    ConsoleState.Links links = m.snapshot().links();
    assertEquals("clock", links.slotRule());
    assertEquals(0, links.slot()); // a slot lasts minutes of wall time at time scale 1
    assertTrue(links.slotLengthS() > 100);
    m.setPlan(ConsoleServerTest.plan()); // constellation spec "test"
    assertNotNull(m.snapshot().links().unavailable());
    assertTrue(m.snapshot().links().links().isEmpty());
  }

  private static byte[] heartbeat(String sat, Map<Integer, SatelliteTelemetry.LayerHops> hops) throws Exception {
    return PlanJson.mapper().writeValueAsBytes(new SatelliteTelemetry(sat, 1000, 3, 0, "UP", null, Map.of(), Map.of(),
        5, 5, hops));
  }

  @Test
  void perHopComputeLinkAndQueueByLayerFromHeartbeatsAsTheFeedReadsThem() throws Exception {
    ConsoleModel m = new ConsoleModel("tcp://test:1883");
    Map<Integer, SatelliteTelemetry.LayerHops> processA = Map.of(
        0, new SatelliteTelemetry.LayerHops(10, 20.0, 30.0, 5.0),
        1, new SatelliteTelemetry.LayerHops(4, 8.0, 4.0, 0.4));
    Map<Integer, SatelliteTelemetry.LayerHops> processB = Map.of(
        0, new SatelliteTelemetry.LayerHops(10, 40.0, 10.0, 15.0));
    // two satellites of process A report the same totals (counted once), one of process B its own
    for (byte[] json : List.of(heartbeat("p00s00", processA), heartbeat("p00s01", processA),
        heartbeat("p01s00", processB))) {
      m.heartbeat(PlanJson.mapper().readValue(json, SatelliteTelemetry.class));
    }
    // a heartbeat written before hop totals existed still reads, without hops
    String old = new String(heartbeat("p01s01", null), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(!old.contains("hopsByLayer"), old);
    SatelliteTelemetry oldT = PlanJson.mapper().readValue(old, SatelliteTelemetry.class);
    assertNull(oldT.hopsByLayer());
    m.heartbeat(oldT);

    List<ConsoleState.LayerHops> hops = m.snapshot().hops();
    assertEquals(2, hops.size(), hops.toString());
    ConsoleState.LayerHops l0 = hops.get(0);
    assertEquals(0, l0.layer());
    assertEquals(20, l0.hops());
    assertEquals(3.0, l0.computeMs(), 1e-9);
    assertEquals(2.0, l0.linkMs(), 1e-9);
    assertEquals(1.0, l0.queueMs(), 1e-9);
    ConsoleState.LayerHops l1 = hops.get(1);
    assertEquals(1, l1.layer());
    assertEquals(4, l1.hops());
    assertEquals(2.0, l1.computeMs(), 1e-9);
    assertEquals(1.0, l1.linkMs(), 1e-9);
    assertEquals(0.1, l1.queueMs(), 1e-9);
    assertEquals(Set.of(), Set.copyOf(new ConsoleModel("x").snapshot().hops()));
  }
}
