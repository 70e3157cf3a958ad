package org.spacemoe.ground.placement;

import org.spacemoe.ground.layout.Placement;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.placement.capacity.SatelliteMemory;
import org.spacemoe.ground.placement.capacity.ShardBytes;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;

/** Standby gateways: in the subnet, not the gateway, the best-scoring candidate, within memory, or refused. */
class GatewayStandbysTest {
  final Scenario sc = TestScenarios.small(); // 8 layers x 4 experts on 12 x 16, 24 satellites per subnet
  final PlanningContext ctx = new PlanningContext(sc);
  final Placement base = Strategies.byName("spacemoe").place(ctx).placement();

  @Test
  void everyLayerGetsTheBestScoringOtherMemberOfItsSubnet() {
    Placement p = GatewayStandbys.assign(ctx, base);
    assertFalse(base.hasStandbys());
    assertTrue(p.hasStandbys());
    for (int l = 0; l < p.layers(); l++) {
      int s = p.standbys()[l];
      int[] members = p.subnets()[l];
      assertTrue(Arrays.stream(members).anyMatch(m -> m == s), "layer " + l);
      assertNotEquals(p.gateways()[l], s);
      // no member of the subnet (every one, not only the shortlist) scores lower by more than rounding
      int gw = p.gateways()[l];
      int[] others = Arrays.stream(members).filter(m -> m != gw).toArray();
      double[] all = GatewayStandbys.score(ctx, p, l, others);
      double chosen = all[IntStream.range(0, others.length).filter(i -> others[i] == s).findFirst().orElseThrow()];
      assertEquals(Arrays.stream(all).min().orElseThrow(), chosen, 1e-9, "layer " + l);
    }
    // everything else unchanged; deterministic
    assertArrayEquals(base.gateways(), p.gateways());
    assertTrue(Arrays.deepEquals(base.expertHosts(), p.expertHosts()));
    assertArrayEquals(p.standbys(), GatewayStandbys.assign(ctx, base).standbys());
    SatelliteMemory.requireFits(sc, p);
  }

  @Test
  void thePlanRoundTripsItsStandbysAndThePlanOverloadKeepsEverythingElse() {
    Placement p = GatewayStandbys.assign(ctx, base);
    PlacementPlan plan = p.toPlan(sc, 3);
    PlacementPlan back = PlanJson.parse("t", PlanJson.toBytes(plan));
    for (LayerPlacement lp : back.layers()) {
      assertEquals(sc.constellation().satellites().get(p.standbys()[lp.layer()]).name(), lp.standby());
    }
    assertArrayEquals(p.standbys(), Placement.fromPlan(back, sc.constellation(), "t").standbys());
    PlacementPlan viaPlan = GatewayStandbys.assign(base.toPlan(sc, 3), sc);
    assertArrayEquals(PlanJson.toBytes(plan), PlanJson.toBytes(viaPlan));
  }

  /** {@code base} with each subnet cut down to its gateway and its expert hosts. */
  private Placement tightSubnets(Placement p) {
    int[][] subnets = new int[p.layers()][];
    for (int l = 0; l < p.layers(); l++) {
      subnets[l] = IntStream.concat(IntStream.of(p.gateways()[l]),
          Arrays.stream(p.expertHosts()[l]).flatMapToInt(Arrays::stream)).distinct().toArray();
    }
    return new Placement(p.strategy(), subnets, p.gateways(), p.expertHosts());
  }

  @Test
  void aStandbyMayHostAnExpertWhenItHasTheMemory() {
    Placement p = GatewayStandbys.assign(ctx, tightSubnets(base));
    for (int l = 0; l < p.layers(); l++) {
      int s = p.standbys()[l];
      assertTrue(Arrays.stream(p.expertHosts()[l]).anyMatch(h -> h[0] == s), "layer " + l + " standby hosts an expert");
    }
  }

  @Test
  void aSubnetWithoutRoomForTheGatewayShardsIsRefusedNamingTheLayer() {
    ShardBytes b = ShardBytes.of(sc.model(), sc.contextTokens());
    // room for one expert and a bit, not for an expert and a gateway
    long memory = b.expert() + b.gateway() - 1;
    Scenario tiny = new Scenario(sc.constellationSpec(), sc.constellation(), sc.islRules(), sc.slots(),
        sc.linkSurvival(), sc.seed(), sc.islRateBitsPerS(), sc.codec(), sc.model(),
        new DeviceProfile("tiny", 7e9, memory), sc.contextTokens(), sc.stats());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> GatewayStandbys.assign(new PlanningContext(tiny), tightSubnets(base)));
    assertTrue(e.getMessage().contains("--gateway-standby"), e.getMessage());
    assertTrue(e.getMessage().contains("layer 0: no satellite of its subnet of 5 can stand by"), e.getMessage());
    // a one-satellite subnet has no other member at all
    int[][] alone = IntStream.range(0, base.layers()).mapToObj(l -> new int[] {base.gateways()[l]}).toArray(int[][]::new);
    e = assertThrows(InvalidInputException.class, () -> GatewayStandbys.assign(ctx,
        new Placement("x", alone, base.gateways(), base.expertHosts())));
    assertTrue(e.getMessage().contains("subnet of 1"), e.getMessage());
  }
}
