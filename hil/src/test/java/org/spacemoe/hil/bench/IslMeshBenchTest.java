package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.hil.broker.MosquittoBroker;
import org.spacemoe.hil.faults.FaultSpec;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.routing.IslMesh;

/**
 * {@code hil bench --isl mesh} on the tiny preset: frames cross one link per hop through the satellites on their
 * route, tokens and hidden states equal the reference, relays are counted, and a link or a satellite's own broker that
 * goes down is routed around without losing or changing a token.
 */
class IslMeshBenchTest {
  private static BenchOptions mesh(Path dir, int tokens) {
    return TinyBench.options(dir, "embedded", tokens, 0.05).withMesh(true);
  }

  @Test
  @Timeout(240)
  void framesCrossOneLinkPerHopAndMatchTheReference(@TempDir Path dir) throws Exception {
    BenchReport r = BenchRunner.run(mesh(dir, 6), n -> { });
    String json = PlanJson.mapper().writeValueAsString(r.mesh());
    assertTrue(r.matchesReference(), json);
    assertTrue(r.hiddenStatesCompared() > 0, "the driver sees each frame on its last link");
    MeshReport m = r.mesh();
    assertNotNull(m);
    assertEquals("mesh", r.settings().get("isl"));
    assertTrue(m.satellitesRun() > ((Number) r.settings().get("satellites")).intValue(), json);
    assertTrue(m.relayedFrameCount() > 0, "multi-hop routes are forwarded by relays: " + json);
    assertTrue(m.relaysOutsideThePlan() > 0, json);
    // counted once the sequence is released (the two counters are read one after the other while the last frames
    // of the sequence's end may still be crossing a link)
    assertTrue(Math.abs(m.framesArrivedOverLinks() - m.framesSentOverLinks()) <= 0.01 * m.framesSentOverLinks(),
        "frames sent over links arrived: " + json);
    assertEquals(0, m.noRoute(), json);
    assertEquals(0, m.reroutes(), json);
    assertTrue(m.islHopsPerToken() >= m.frameHopsPerToken() && m.frameHopsPerToken() > 0, json);
  }

  @Test
  @Timeout(240)
  void aLinkOfAnActiveRouteGoesDownAndFramesGoAroundIt(@TempDir Path dir) throws Exception {
    BenchOptions o = mesh(dir, 6);
    BenchWorkspace ws = BenchWorkspace.prepare(o, false);
    String[] link = firstLinkTowardsAnExpert(ws.scenario(), ws);
    BenchReport r = BenchRunner.run(o, FaultSpec.parseAll("link-down:" + link[0] + "-" + link[1] + "@0ms"), n -> { });
    String json = PlanJson.mapper().writeValueAsString(r.mesh()) + PlanJson.mapper().writeValueAsString(r.faults());
    assertEquals(6, r.faults().tokensIdenticalToReference(), json);
    assertTrue(r.matchesReference(), json);
    assertTrue(r.mesh().linksDown() >= 1, json);
    assertTrue(r.mesh().reroutes() > 0, "frames for the expert take another next hop: " + json);
    assertEquals("injected", r.faults().injected().get(0).outcome(), json);
  }

  @Test
  @Timeout(300)
  void aSatellitesOwnBrokerGoesDownAndComesBack(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(MosquittoBroker.executable() != null, "needs mosquitto");
    // real time: 16 tokens take about 3 s, the outage (longer than isl-link-down-ms) ends within the run
    BenchOptions o = TinyBench.options(dir, "embedded", 16, 1.0).withMesh(true);
    BenchWorkspace ws = BenchWorkspace.prepare(o, false);
    String relay = firstLinkTowardsAnExpert(ws.scenario(), ws)[1];
    BenchReport r = BenchRunner.run(o, FaultSpec.parseAll("isl-broker-down:" + relay + ":1500ms@300ms"), n -> { });
    String json = PlanJson.mapper().writeValueAsString(r.mesh()) + PlanJson.mapper().writeValueAsString(r.faults());
    assertEquals(16, r.faults().tokensIdenticalToReference(), json);
    assertEquals(2, r.faults().runtimes(), "the satellite runs on its own: " + json);
    assertNotNull(r.faults().injected().get(0).untilS(), "the broker came back: " + json);
  }

  @Test
  void linkFaultsNeedTheMesh(@TempDir Path dir) {
    InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
        () -> BenchRunner.run(TinyBench.options(dir, "embedded", 2, 0.05), FaultSpec.parseAll("link-down:a-b@1s"),
            n -> { }));
    assertTrue(e.getMessage().contains("--isl mesh"), e.getMessage());
  }

  /** The first link of a route of two or more hops between two satellites a frame of layer 0 or 1 travels between. */
  static String[] firstLinkTowardsAnExpert(Scenario sc, BenchWorkspace ws) {
    IslMesh mesh = new IslMesh(sc.constellation(), sc.islRules(), sc.timeSlots(), sc.islRateBitsPerS());
    Map<String, Integer> index = new HashMap<>();
    sc.constellation().satellites().forEach(s -> index.put(s.name(), s.index()));
    int[] best = null;
    for (int l = 0; l < 2; l++) {
      String gw = ws.plan().layers().get(l).gateway();
      List<String> targets = new java.util.ArrayList<>();
      ws.plan().layers().get(l).experts().forEach(h -> targets.add(h.get(0)));
      targets.add(ws.plan().layers().get((l + 1) % ws.plan().layers().size()).gateway());
      for (String t : targets) {
        int[] p = mesh.route(0, index.get(gw), index.get(t), Set.of());
        if (p != null && (best == null || p.length > best.length)) {
          best = p;
        }
      }
    }
    assertTrue(best != null && best.length >= 3, "a route of two or more hops");
    String[] names = new String[2];
    for (var s : sc.constellation().satellites()) {
      if (s.index() == best[0]) {
        names[0] = s.name();
      } else if (s.index() == best[1]) {
        names[1] = s.name();
      }
    }
    return names;
  }
}
