package org.spacemoe.ground.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;

class BrokerAccessTest {
  static PlacementPlan plan(long version, LayerPlacement... layers) {
    PlanInputs inputs = new PlanInputs("walker-star:planes=2,sats=3", new PlanInputs.ModelDims("tiny", layers.length,
        2, 1, 8, 4, 16), new PlanInputs.DeviceSpec("board", 1e9, 1L << 30), "fp32", 16, 1e11, 0.12, 0.95, 10, 1,
        "test", List.of());
    return new PlacementPlan(1, version, "hand", "bench", List.of(layers), Map.of(), inputs);
  }

  /** Layer 0: gateway G0, experts on E0 and E1; layer 1: gateway G1, experts on E1 and (E2, E3). */
  static PlacementPlan twoLayers() {
    return plan(3,
        new LayerPlacement(0, List.of("G0", "E0", "E1"), "G0", List.of(List.of("E0"), List.of("E1"))),
        new LayerPlacement(1, List.of("G1", "E2", "E3", "E1"), "G1", List.of(List.of("E1"), List.of("E2", "E3"))));
  }

  static Map<String, UserGrants> byUser(List<UserGrants> g) {
    return g.stream().collect(Collectors.toMap(UserGrants::user, Function.identity()));
  }

  static Set<String> in(String... sats) {
    return new TreeSet<>(java.util.Arrays.stream(sats).map(s -> "spacemoe/v1/sat/" + s + "/in").toList());
  }

  static Set<String> union(Set<String> a, String... more) {
    TreeSet<String> s = new TreeSet<>(a);
    s.addAll(List.of(more));
    return s;
  }

  @Test
  void grantsFollowTheFrameFlow() {
    List<UserGrants> grants = BrokerAccess.grants(List.of(twoLayers()), "ground");
    assertEquals("ground", grants.get(0).user());
    Map<String, UserGrants> g = byUser(grants);
    assertEquals(Set.of("ground", "G0", "G1", "E0", "E1", "E2", "E3"), g.keySet());
    for (String sat : List.of("G0", "G1", "E0", "E1", "E2", "E3")) {
      assertEquals(Set.of("spacemoe/v1/sat/" + sat + "/cmd", "spacemoe/v1/sat/" + sat + "/in"), g.get(sat).read());
      assertTrue(g.get(sat).write().contains("spacemoe/v1/sat/" + sat + "/status"));
      assertTrue(g.get(sat).write().contains("spacemoe/v1/sat/" + sat + "/telemetry"));
    }
    String errors = "spacemoe/v1/seq/+/errors";
    String tokens = "spacemoe/v1/seq/+/tokens";
    // gateway of layer 0: its experts and the next gateway
    assertEquals(union(in("E0", "E1", "G1"), errors, "spacemoe/v1/sat/G0/status", "spacemoe/v1/sat/G0/telemetry"),
        g.get("G0").write());
    // last gateway: its experts (all hosts), the entry, tokens
    assertEquals(union(in("E1", "E2", "E3", "G0"), errors, tokens, "spacemoe/v1/sat/G1/status",
        "spacemoe/v1/sat/G1/telemetry"), g.get("G1").write());
    // expert hosts answer their layer's gateway; E1 serves both layers
    assertEquals(union(in("G0"), "spacemoe/v1/sat/E0/status", "spacemoe/v1/sat/E0/telemetry"), g.get("E0").write());
    assertEquals(union(in("G0", "G1"), "spacemoe/v1/sat/E1/status", "spacemoe/v1/sat/E1/telemetry"),
        g.get("E1").write());
    assertEquals(union(in("G1"), "spacemoe/v1/sat/E3/status", "spacemoe/v1/sat/E3/telemetry"), g.get("E3").write());
    // the ground
    assertEquals(Set.of("spacemoe/v1/sat/+/cmd", "spacemoe/v1/sat/G0/in"), g.get("ground").write());
    assertEquals(Set.of("spacemoe/v1/sat/+/status", "spacemoe/v1/sat/+/telemetry", "spacemoe/v1/seq/#"),
        g.get("ground").read());
  }

  @Test
  void severalPlansGiveTheUnion() {
    PlacementPlan next = plan(4,
        new LayerPlacement(0, List.of("G0", "E0", "N1"), "G0", List.of(List.of("E0"), List.of("N1"))));
    Map<String, UserGrants> g = byUser(BrokerAccess.grants(List.of(twoLayers(), next), "ground"));
    assertTrue(g.containsKey("N1"));
    assertTrue(g.get("G0").write().containsAll(in("E0", "E1", "G1", "N1", "G0")), g.get("G0").write().toString());
    assertTrue(g.get("G0").write().contains("spacemoe/v1/seq/+/tokens"), "G0 is the last gateway of the new plan");
  }

  @Test
  void namesThatCannotBeUsers() {
    PlacementPlan spaced = plan(1, new LayerPlacement(0, List.of("G 0"), "G 0", List.of(List.of("E0"))));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> BrokerAccess.check("plan.json", spaced, "ground"));
    assertTrue(e.getMessage().startsWith("plan.json: "), e.getMessage());
    PlacementPlan ground = plan(1, new LayerPlacement(0, List.of("ground"), "ground", List.of(List.of("E0"))));
    e = assertThrows(InvalidInputException.class, () -> BrokerAccess.check("plan.json", ground, "ground"));
    assertTrue(e.getMessage().contains("--ground-user"), e.getMessage());
    BrokerAccess.check("plan.json", ground, "station");
    assertThrows(InvalidInputException.class, () -> BrokerAccess.check("plan.json", twoLayers(), "a/b"));
  }

  @Test
  void aclText() {
    String acl = MosquittoAcl.render(List.of("made by a test"), BrokerAccess.grants(List.of(twoLayers()), "ground"));
    assertTrue(acl.startsWith("# made by a test\n\nuser ground\ntopic read spacemoe/v1/sat/+/status\n"), acl);
    assertTrue(acl.contains("\nuser E0\ntopic read spacemoe/v1/sat/E0/cmd\ntopic read spacemoe/v1/sat/E0/in\n"
        + "topic write spacemoe/v1/sat/E0/status\ntopic write spacemoe/v1/sat/E0/telemetry\n"
        + "topic write spacemoe/v1/sat/G0/in\n"), acl);
    for (String line : acl.split("\n")) {
      assertTrue(line.isEmpty() || line.startsWith("# ") || line.matches("user \\S+")
          || line.matches("topic (read|write) \\S+"), line);
    }
  }

  @Test
  void aStandbyGatewayIsGrantedWhatItsGatewayIs() {
    PlacementPlan p = plan(3,
        new LayerPlacement(0, List.of("G0", "E0", "E1", "S0"), "G0", List.of(List.of("E0"), List.of("E1")), null, "S0"),
        new LayerPlacement(1, List.of("G1", "E2", "E3", "E1"), "G1", List.of(List.of("E1"), List.of("E2", "E3")),
            null, "E2"));
    Map<String, UserGrants> g = byUser(BrokerAccess.grants(List.of(p), "ground"));
    assertEquals(Set.of("ground", "G0", "G1", "E0", "E1", "E2", "E3", "S0"), g.keySet());
    // the ground may start tokens at layer 0's standby, which sends to its experts and to both holders of layer 1
    assertTrue(g.get("ground").write().containsAll(in("G0", "S0")));
    assertTrue(g.get("S0").write().containsAll(in("E0", "E1", "G1", "E2")), g.get("S0").write().toString());
    assertTrue(g.get("G0").write().containsAll(in("G1", "E2")));
    // experts answer either holder; layer 1's standby E2 closes the ring at either entry and publishes tokens
    assertTrue(g.get("E0").write().containsAll(in("G0", "S0")));
    assertTrue(g.get("E2").write().containsAll(union(in("E1", "E3", "G0", "S0"), "spacemoe/v1/seq/+/tokens")),
        g.get("E2").write().toString());
  }

  @Test
  void aHostGetsTheUnionOfItsSatellitesGrantsAndTheyLoseTheirOwnUsers() {
    List<UserGrants> plain = BrokerAccess.grants(List.of(twoLayers()), "ground");
    Map<String, UserGrants> g = byUser(BrokerAccess.byHost(plain, Map.of("board-1", List.of("G0", "E0")), "ground"));
    assertEquals(Set.of("ground", "board-1", "G1", "E1", "E2", "E3"), g.keySet());
    Map<String, UserGrants> p = byUser(plain);
    TreeSet<String> read = new TreeSet<>(p.get("G0").read());
    read.addAll(p.get("E0").read());
    TreeSet<String> write = new TreeSet<>(p.get("G0").write());
    write.addAll(p.get("E0").write());
    assertEquals(read, g.get("board-1").read());
    assertEquals(write, g.get("board-1").write());
    assertEquals(p.get("G1"), g.get("G1"));
  }

  @Test
  void badHostGroupingsNameTheProblem() {
    List<UserGrants> plain = BrokerAccess.grants(List.of(twoLayers()), "ground");
    java.util.LinkedHashMap<String, List<String>> two = new java.util.LinkedHashMap<>();
    two.put("b1", List.of("G0"));
    two.put("b2", List.of("G0", "E0"));
    for (Map<String, List<String>> bad : List.of(two, Map.of("b1", List.of("NOPE")), Map.of("ground", List.of("G0")),
        Map.of("G1", List.of("G0")), Map.of("b1", List.<String>of()))) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> BrokerAccess.byHost(plain, bad, "ground"), bad::toString);
      assertTrue(e.getMessage().contains("--host"), e.getMessage());
    }
  }
}
