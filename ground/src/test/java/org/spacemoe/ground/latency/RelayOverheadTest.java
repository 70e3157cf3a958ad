package org.spacemoe.ground.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.joint.JointPlacement;
import org.spacemoe.ground.scenario.Scenario;

/**
 * With ISLs as links every satellite a frame's route crosses pays the hop overhead: the predicted overhead per token
 * becomes the overhead per hop times the ISL hops of the critical path's frames (at least one per frame), never less
 * than through a shared broker, and nothing changes without an overhead.
 */
class RelayOverheadTest {
  private static final double HOP_S = 0.5e-3;

  @Test
  void relaysPayTheHopOverheadOncePerIslHop() {
    Scenario sc = TestScenarios.of(TestScenarios.SMALL_CONSTELLATION, TestScenarios.SMALL_MODEL, "zipf:1.0", 1, 1.0,
        0.12, 1);
    Placement p = JointPlacement.joint().optimise(new PlanningContext(sc)).result().placement();
    TokenLatencyPredictor bare = new TokenLatencyPredictor(sc, p, 0);
    TokenLatencyPredictor bareMesh = new TokenLatencyPredictor(sc.withRelaysPayingHopOverhead(true), p, 0);
    TokenLatencyPredictor shared = new TokenLatencyPredictor(sc.withHopOverheadS(HOP_S), p, 0);
    TokenLatencyPredictor mesh = new TokenLatencyPredictor(
        sc.withHopOverheadS(HOP_S).withRelaysPayingHopOverhead(true), p, 0);
    SplittableRandom rnd = new SplittableRandom(5);
    int k = sc.model().topK();
    boolean someRelay = false;
    for (int draw = 0; draw < 40; draw++) {
      int[][] sel = new int[p.layers()][k];
      for (int l = 0; l < p.layers(); l++) {
        sc.stats().sampleTopK(l, k, rnd, sel[l]);
      }
      assertEquals(bare.tokenLatencyS(sel), bareMesh.tokenLatencyS(sel), 0, "no overhead, no difference");
      double sharedOverhead = overhead(shared, sel);
      double meshOverhead = overhead(mesh, sel);
      assertTrue(mesh.tokenLatencyS(sel) >= shared.tokenLatencyS(sel) - 1e-15, "draw " + draw);
      assertTrue(meshOverhead >= sharedOverhead - 1e-15, "draw " + draw);
      double islHops = meshOverhead / HOP_S;
      assertEquals(Math.rint(islHops), islHops, 1e-9, "a whole number of ISL hops");
      someRelay |= meshOverhead > sharedOverhead + 1e-12;
    }
    assertTrue(someRelay, "some critical path crosses a relay on this constellation");
  }

  private static double overhead(TokenLatencyPredictor p, int[][] sel) {
    double s = 0;
    for (LayerTime t : p.tokenLayers(sel)) {
      s += t.overheadS();
    }
    return s;
  }
}
