package org.spacemoe.ground.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.joint.JointPlacement;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.routing.NetworkRealisations;
import org.spacemoe.shared.routing.PathLatencies;

/**
 * The evaluator sends each selected expert to the copy the onboard gateway picks ({@code ExpertCopies}): the live
 * copy with the lowest one-way latency from the gateway in the slot, ties in plan order, also on layers combined at
 * the next gateway (where that copy need not have the shortest arm).
 */
class CopyChoiceTest {
  @Test
  void chosenCopyIsTheNearestToTheGatewayInEverySlot() {
    Scenario sc = TestScenarios.small();
    Placement joint = JointPlacement.joint().optimise(new PlanningContext(sc)).result().placement();
    assertTrue(joint.combinesAnywhereAtNext(), "the test wants a layer combined at the next gateway");
    // every expert gets two more copies on members with no role: the farthest and the second nearest free ones
    Set<Integer> used = new HashSet<>();
    for (int l = 0; l < joint.layers(); l++) {
      used.add(joint.gateways()[l]);
      for (int[] hs : joint.expertHosts()[l]) {
        used.add(hs[0]);
      }
    }
    int[][][] hosts = new int[joint.layers()][][];
    for (int l = 0; l < joint.layers(); l++) {
      int[] free = Arrays.stream(joint.subnets()[l]).filter(s -> !used.contains(s)).toArray();
      int experts = joint.expertHosts()[l].length;
      hosts[l] = new int[experts][];
      for (int e = 0; e < experts; e++) {
        hosts[l][e] = new int[] {joint.expertHosts()[l][e][0], free[e % free.length], free[(free.length - 1 - e)]};
      }
    }
    Placement p = new Placement("copies", joint.subnets(), joint.gateways(), hosts, joint.combineAtNext());
    NetworkRealisations net = sc.network();
    int checkedOtherThanFirst = 0;
    for (int slot = 0; slot < sc.slots(); slot += 5) {
      NetworkRealisations.Realisation real = net.realisation(slot, 0);
      RealisedPlacement r = RealisedPlacement.of(sc, p, real, net.waitForNextSlotS(), new HashMap<>(), new BitSet());
      for (int l = 0; l < p.layers(); l++) {
        for (int e = 0; e < hosts[l].length; e++) {
          PathLatencies from = real.to(p.gateways()[l], hosts[l][e]);
          int best = 0;
          for (int i = 1; i < hosts[l][e].length; i++) {
            if (from.latencyS()[i] < from.latencyS()[best]) {
              best = i;
            }
          }
          assertEquals(hosts[l][e][best], r.expertHost[l][e], "slot " + slot + " layer " + l + " expert " + e);
          checkedOtherThanFirst += best > 0 ? 1 : 0;
        }
      }
    }
    assertTrue(checkedOtherThanFirst > 0, "some copy other than the first is the nearest");
  }
}
