package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;

/** {@code plan --strategy joint --replica-budget}: the copies joint spends are in the plan's expert lists. */
class CliJointReplicasTest {
  @TempDir Path dir;

  @Test
  void jointPlanListsItsCopies() throws IOException {
    Path out = dir.resolve("J.json");
    CliRun p = CliRun.of("plan", "--constellation", TestScenarios.SMALL_CONSTELLATION, "--model",
        TestScenarios.SMALL_MODEL, "--slots", "20", "--strategy", "joint", "--replica-budget", "0.25", "--out",
        out.toString());
    assertEquals(0, p.exit(), p.describe());
    assertTrue(p.out().contains("replicas (joint objective):"), p.out());
    PlacementPlan plan = PlanJson.read(out);
    assertEquals("joint+replicas", plan.strategy());
    int hosts = 0;
    int withCopies = 0;
    Set<String> roles = new HashSet<>();
    int roleCount = 0;
    for (LayerPlacement lp : plan.layers()) {
      for (List<String> copies : lp.experts()) {
        hosts += copies.size();
        withCopies += copies.size() > 1 ? 1 : 0;
        roles.addAll(copies);
        roleCount += copies.size();
      }
    }
    int copies = hosts - 8 * 4;
    assertTrue(copies > 0 && copies <= 8, "copies " + copies + "\n" + p.out());
    assertTrue(withCopies > 0);
    assertEquals(roleCount, roles.size(), "never two expert copies on one satellite");
    assertTrue(p.out().contains("replicas (joint objective): " + copies + " extra expert copies of a budget of 8"),
        p.out());
  }
}
