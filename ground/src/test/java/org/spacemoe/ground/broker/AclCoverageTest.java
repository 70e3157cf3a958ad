package org.spacemoe.ground.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;

/** {@code uplink --acl}: the ACL file read back and compared with what a plan needs. */
class AclCoverageTest {
  private static List<UserGrants> reread(List<UserGrants> grants) {
    return MosquittoAcl.parse("acl", MosquittoAcl.render(List.of("header"), grants));
  }

  @Test
  void theAclWrittenForAPlanCoversItPerSatelliteAndPerBoard() {
    PlacementPlan plan = BrokerAccessTest.twoLayers();
    List<UserGrants> perSat = BrokerAccess.grants(List.of(plan), "ground");
    assertEquals(perSat, reread(perSat));
    assertEquals(List.of(), AclCoverage.problems(plan, reread(perSat), "ground"));
    List<UserGrants> boards = BrokerAccess.byHost(perSat, Map.of("board-a", List.of("G0", "E0", "E1"),
        "board-b", List.of("G1", "E2", "E3")), "ground");
    assertEquals(List.of(), AclCoverage.problems(plan, reread(boards), "ground"));
  }

  @Test
  void anAclForAnOlderPlanNamesTheUserAndTheTopicItLacks() {
    PlacementPlan old = BrokerAccessTest.twoLayers();
    // E3 now also hosts layer 0's expert 0: it must answer G0, and G0 must reach it
    PlacementPlan moved = BrokerAccessTest.plan(4,
        new LayerPlacement(0, List.of("G0", "E3", "E1"), "G0", List.of(List.of("E3"), List.of("E1"))),
        old.layers().get(1));
    List<String> problems = AclCoverage.problems(moved, reread(BrokerAccess.grants(List.of(old), "ground")), "ground");
    assertEquals(List.of("user E3 (satellite E3) lacks write spacemoe/v1/sat/G0/in",
        "user G0 (satellite G0) lacks write spacemoe/v1/sat/E3/in"), problems);
  }

  @Test
  void aSatelliteWithoutUserAndAGroundWithoutUserAreNamed() {
    PlacementPlan plan = BrokerAccessTest.twoLayers();
    List<UserGrants> some = BrokerAccess.grants(List.of(plan), "ground").stream()
        .filter(g -> !g.user().equals("E2") && !g.user().equals("ground")).toList();
    List<String> problems = AclCoverage.problems(plan, reread(some), "ground");
    assertTrue(problems.contains("no user 'ground' for the ground (give --ground-user)"), problems::toString);
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("satellite E2 has no user")), problems::toString);
    // G1 may still write E2/in: only E2 itself is missing
    assertEquals(2, problems.size(), problems::toString);
  }

  @Test
  void wildcardGrantsAndPatternsCover() {
    PlacementPlan plan = BrokerAccessTest.twoLayers();
    StringBuilder acl = new StringBuilder("pattern read spacemoe/v1/sat/%u/cmd\npattern readwrite spacemoe/v1/sat/%u/#\n");
    acl.append("user ground\ntopic readwrite spacemoe/#\n");
    for (String sat : List.of("G0", "G1", "E0", "E1", "E2", "E3")) {
      acl.append("user ").append(sat).append("\ntopic spacemoe/v1/sat/+/in\ntopic write spacemoe/v1/seq/+/+\n");
    }
    assertEquals(List.of(), AclCoverage.problems(plan, MosquittoAcl.parse("acl", acl.toString()), "ground"));
    assertTrue(AclCoverage.covers("a/+/c", "a/b/c"));
    assertTrue(AclCoverage.covers("a/#", "a/+/c"));
    assertFalse(AclCoverage.covers("a/+/c", "a/#"));
    assertFalse(AclCoverage.covers("a/b", "a/b/c"));
    assertFalse(AclCoverage.covers("a/b/c", "a/+/c"));
  }

  @Test
  void aLineMosquittoWouldNotReadIsNamedWithItsNumber() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> MosquittoAcl.parse("spacemoe.acl", "# ok\nuser a\ntopic read x/y\ntopik read z\n"));
    assertTrue(e.getMessage().contains("spacemoe.acl line 4") && e.getMessage().contains("'topik'"), e::getMessage);
    e = assertThrows(InvalidInputException.class, () -> MosquittoAcl.parse("f", "user a\ntopic readonly x\n"));
    assertTrue(e.getMessage().contains("f line 2") && e.getMessage().contains("readonly"), e::getMessage);
  }
}
