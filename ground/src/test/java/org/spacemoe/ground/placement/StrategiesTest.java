package org.spacemoe.ground.placement;

import org.spacemoe.ground.layout.Placement;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.input.InvalidInputException;

/** All strategies on the small scenario: 12x16 Walker star, 8 layers x 4 experts, zipf:1.0, 20 slots. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrategiesTest {
  private static final Set<String> RING = Set.of("spacemoe", "optimal-linear", "rand-intra", "rand-intra-cg", "joint",
      "joint-own");
  private static final Set<String> CENTRAL_GATEWAY = Set.of("spacemoe", "optimal-linear", "rand-intra-cg");

  private Scenario sc;
  private List<Subnet> subnets;
  private final Map<String, PlacementResult> results = new HashMap<>();

  @BeforeAll
  void planAll() {
    sc = TestScenarios.small();
    PlanningContext ctx = new PlanningContext(sc);
    List<String> names = new ArrayList<>();
    Strategies.names().forEach(names::add);
    assertEquals(List.of("spacemoe", "optimal-linear", "rand-place", "rand-intra", "rand-intra-cg", "joint", "joint-own"),
        names);
    for (String n : names) {
      PlacementStrategy s = Strategies.byName(n);
      assertEquals(n, s.name());
      results.put(n, s.place(ctx));
    }
    subnets = RingSubnetPartitioner.partition(sc.constellation(), 8);
  }

  @Test
  void everyStrategyGivesEachSatelliteAtMostOneRole() {
    for (Map.Entry<String, PlacementResult> r : results.entrySet()) {
      Placement p = r.getValue().placement();
      assertEquals(r.getKey(), p.strategy());
      assertEquals(8, p.layers());
      Map<Integer, String> role = new HashMap<>();
      for (int l = 0; l < 8; l++) {
        String gw = "layer " + l + " gateway";
        String prev = role.put(p.gateways()[l], gw);
        assertEquals(null, prev, r.getKey() + ": satellite " + p.gateways()[l] + " is " + prev + " and " + gw);
        assertEquals(4, p.expertHosts()[l].length, r.getKey());
        for (int e = 0; e < 4; e++) {
          assertEquals(1, p.expertHosts()[l][e].length, r.getKey() + ": one host per expert");
          String ex = "layer " + l + " expert " + e;
          prev = role.put(p.expertHosts()[l][e][0], ex);
          assertEquals(null, prev, r.getKey() + ": satellite " + p.expertHosts()[l][e][0] + " is " + prev + " and " + ex);
        }
      }
      // 8 layers x (1 gateway + 4 experts) = 40 distinct satellites
      assertEquals(40, role.size(), r.getKey());
    }
  }

  @Test
  void ringStrategiesKeepEachLayerInsideItsSubnet() {
    for (String name : RING) {
      Placement p = results.get(name).placement();
      for (int l = 0; l < 8; l++) {
        Subnet sn = subnets.get(l);
        // 16 slots / 8 layers = 2 slot rows x 12 planes
        assertEquals(24, sn.members().length);
        assertArrayEquals(sn.members(), p.subnets()[l], name + " layer " + l + " subnet");
        Set<Integer> members = Arrays.stream(sn.members()).boxed().collect(Collectors.toSet());
        assertTrue(members.contains(p.gateways()[l]), name + " layer " + l + " gateway outside the subnet");
        for (int[] hosts : p.expertHosts()[l]) {
          assertTrue(members.contains(hosts[0]), name + " layer " + l + " expert outside the subnet");
        }
        if (CENTRAL_GATEWAY.contains(name)) {
          // centre: median plane of 0..11 is planes[(12-1)/2] = 5; its slots 2l, 2l+1 -> index (2-1)/2 = 0 -> 2l
          assertEquals(sc.constellation().indexOf(5, 2 * l), p.gateways()[l], name + " layer " + l + " gateway");
          assertEquals(sn.centre(), p.gateways()[l]);
        }
      }
    }
  }

  @Test
  void randPlaceSubnetsAreItsGatewayAndExperts() {
    Placement p = results.get("rand-place").placement();
    for (int l = 0; l < 8; l++) {
      int[] expected = new int[5];
      expected[0] = p.gateways()[l];
      for (int e = 0; e < 4; e++) {
        expected[e + 1] = p.expertHosts()[l][e][0];
      }
      assertArrayEquals(expected, p.subnets()[l]);
    }
    assertTrue(results.get("rand-place").objectives().isEmpty());
  }

  @Test
  void spacemoePutsMoreActiveExpertsOnLowerExpectedLatency() {
    int[] gateways = subnets.stream().mapToInt(Subnet::centre).toArray();
    // recomputed on a fresh network of the same scenario: same seeds, same values
    double[][] mean = ExpectedGatewayLatency.compute(sc.network(), subnets, gateways).meanS();
    Placement p = results.get("spacemoe").placement();
    for (int layer = 0; layer < 8; layer++) {
      final int l = layer;
      int[] members = subnets.get(l).members();
      Map<Integer, Double> lat = new HashMap<>();
      for (int i = 0; i < members.length; i++) {
        lat.put(members[i], mean[l][i]);
      }
      final int gw = gateways[l];
      double lowest = IntStream.range(0, members.length).filter(i -> members[i] != gw).mapToDouble(i -> mean[l][i]).min()
          .getAsDouble();
      double[] shares = sc.stats().layerShares(l);
      // zipf:1.0 on 4 experts: shares 1, 1/2, 1/3, 1/4 (normalised): expert 0 is the most active
      assertTrue(shares[0] > shares[1] && shares[1] > shares[2] && shares[2] > shares[3]);
      assertEquals(lowest, lat.get(p.expertHosts()[l][0][0]), 0.0, "layer " + l + ": expert 0 not on the lowest latency");
      for (int e = 0; e + 1 < 4; e++) {
        assertTrue(lat.get(p.expertHosts()[l][e][0]) <= lat.get(p.expertHosts()[l][e + 1][0]),
            "layer " + l + ": expert " + e + " is farther than the less active expert " + (e + 1));
      }
    }
  }

  @Test
  void linearStrategiesReportSortedEqualToOptimalOnEveryLayer() {
    for (String name : List.of("spacemoe", "optimal-linear")) {
      PlacementResult r = results.get(name);
      assertEquals(8, r.objectives().size(), name);
      assertTrue(r.sortedEqualsOptimal(), name + " " + r.objectives());
    }
    // both strategies optimise the same objective: equal per-layer values
    for (int l = 0; l < 8; l++) {
      LayerObjective a = results.get("spacemoe").objectives().get(l);
      LayerObjective b = results.get("optimal-linear").objectives().get(l);
      assertEquals(a.optimalS(), b.optimalS(), 1e-9 * a.optimalS());
    }
  }

  @Test
  void randomStrategiesDependOnTheSeedOnly() {
    for (String name : List.of("rand-place", "rand-intra", "rand-intra-cg")) {
      Placement again = Strategies.byName(name).place(new PlanningContext(sc)).placement();
      Placement first = results.get(name).placement();
      assertArrayEquals(first.gateways(), again.gateways(), name);
      assertTrue(Arrays.deepEquals(first.expertHosts(), again.expertHosts()), name);
    }
  }

  @Test
  void unknownStrategyIsRefusedNamingTheFlag() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Strategies.byName("nope"));
    assertEquals("--strategy", e.input());
    assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("spacemoe"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> Strategies.byName(null));
    assertNotNull(Strategies.byName(" spacemoe "));
  }
}
