package org.spacemoe.ground.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Subnet;
import org.spacemoe.ground.placement.joint.JointPathTable;
import org.spacemoe.ground.placement.joint.JointPlacement;
import org.spacemoe.ground.placement.joint.LayerCostModel;
import org.spacemoe.ground.placement.joint.TopKSets;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.routing.NetworkRealisations;

/**
 * The evaluator, the bench's predictor and joint's cost model give the same token latency for the same realisation
 * (one slot, no failures) and the same selected experts, with a hop overhead and layers combined at either gateway.
 */
class LatencyCoreAgreementTest {
  private static final double HOP_S = 0.4e-3;

  @Test
  void theThreeLatencyComputationsAgreeOnASharedRealisation() {
    Scenario sc = TestScenarios.of(TestScenarios.SMALL_CONSTELLATION, TestScenarios.SMALL_MODEL, "zipf:1.0", 1, 1.0,
        0.12, 1).withHopOverheadS(HOP_S);
    Placement p = JointPlacement.joint().optimise(new PlanningContext(sc)).result().placement();
    int layers = p.layers();
    NetworkRealisations net = sc.network();
    NetworkRealisations.Realisation real = net.realisation(0, JointPathTable.PLANNING_DRAW);
    RealisedPlacement realised = RealisedPlacement.of(sc, p, real, net.waitForNextSlotS(), new HashMap<>(),
        new BitSet());
    TokenLatencyPredictor predictor = new TokenLatencyPredictor(sc, p, 0);

    List<Subnet> subnets = new ArrayList<>();
    int[][] gatewayCandidate = new int[layers][1];
    int[][] hostPosition = new int[layers][];
    for (int l = 0; l < layers; l++) {
      int[] members = p.subnets()[l];
      subnets.add(new Subnet(l, members, p.gateways()[l]));
      gatewayCandidate[l][0] = position(members, p.gateways()[l]);
      hostPosition[l] = new int[p.expertHosts()[l].length];
      for (int e = 0; e < hostPosition[l].length; e++) {
        hostPosition[l][e] = position(members, p.expertHosts()[l][e][0]);
      }
    }
    JointPathTable table = new JointPathTable(net, subnets, gatewayCandidate);

    SplittableRandom rnd = new SplittableRandom(7);
    int k = sc.model().topK();
    int combinedAtNext = 0;
    for (boolean b : p.combineAtNext()) {
      combinedAtNext += b ? 1 : 0;
    }
    for (int draw = 0; draw < 50; draw++) {
      int[][] sel = new int[layers][k];
      for (int l = 0; l < layers; l++) {
        sc.stats().sampleTopK(l, k, rnd, sel[l]);
      }
      double evaluator = 0;
      double overhead = 0;
      for (LayerTime t : TokenLatencyEvaluator.tokenLayers(sc, realised, sel, net.hop().transmissionS())) {
        evaluator += t.totalS();
        overhead += t.overheadS();
      }
      double costModel = layers * sc.gatewayComputeS() + sc.headComputeS();
      for (int l = 0; l < layers; l++) {
        TopKSets one = new TopKSets(new int[][] {sel[l].clone()}, new double[] {1}, true);
        costModel += new LayerCostModel(table, l, 0, 0, p.combineAtNext()[l], sc.expertComputeS(), HOP_S, one)
            .expectedS(hostPosition[l]);
      }
      assertEquals(evaluator, predictor.tokenLatencyS(sel), 1e-12 * evaluator, "predictor, draw " + draw);
      assertEquals(evaluator, costModel, 1e-9 * evaluator, "joint's cost model, draw " + draw);
      // every layer has at least the hop to the next gateway and an expert's two hops on its critical path
      assertTrue(overhead >= 2 * layers * HOP_S - 1e-15, "overhead " + overhead);
    }
    assertTrue(combinedAtNext > 0, "the plan should exercise both combine points");
  }

  private static int position(int[] members, int sat) {
    for (int i = 0; i < members.length; i++) {
      if (members[i] == sat) {
        return i;
      }
    }
    throw new AssertionError("satellite " + sat + " is not in its subnet");
  }
}
