package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;

/** {@code edit-plan --swap-experts}: a v2 that moves exactly two experts, bad swaps named. */
class EditPlanCommandTest {
  @TempDir Path dir;

  private PlacementPlan plan() {
    CliRun p = CliRun.of("plan", "--constellation", "walker-star:planes=8,sats=8", "--model", "bench", "--out",
        dir.resolve("v1.json").toString());
    assertEquals(0, p.exit(), p::describe);
    return PlanJson.read(dir.resolve("v1.json"));
  }

  /** Two experts of layer 0 on different satellites. */
  private static int[] twoHostsApart(LayerPlacement l) {
    for (int b = 1; b < l.experts().size(); b++) {
      if (!l.experts().get(b).equals(l.experts().get(0))) {
        return new int[] {0, b};
      }
    }
    throw new AssertionError("layer 0 on one satellite: " + l.experts());
  }

  @Test
  void swappingTwoExpertsChangesOnlyTheirHostsAndBumpsTheVersion() throws Exception {
    PlacementPlan v1 = plan();
    int[] ab = twoHostsApart(v1.layers().get(0));
    CliRun e = CliRun.of("edit-plan", "--plan", dir.resolve("v1.json").toString(), "--swap-experts",
        "0:" + ab[0] + "," + ab[1], "--out", dir.resolve("v2.json").toString());
    assertEquals(0, e.exit(), e::describe);
    PlacementPlan v2 = PlanJson.read(dir.resolve("v2.json"));
    assertEquals(v1.planVersion() + 1, v2.planVersion());
    List<List<String>> before = v1.layers().get(0).experts();
    List<List<String>> after = v2.layers().get(0).experts();
    for (int x = 0; x < before.size(); x++) {
      List<String> want = x == ab[0] ? before.get(ab[1]) : x == ab[1] ? before.get(ab[0]) : before.get(x);
      assertEquals(want, after.get(x), "expert " + x);
    }
    assertEquals(v1.layers().subList(1, v1.layers().size()), v2.layers().subList(1, v2.layers().size()));
    assertEquals(v1.layers().get(0).gateway(), v2.layers().get(0).gateway());
    assertTrue(e.out().contains("layer 0: expert " + ab[0] + " " + before.get(ab[0]) + " -> " + before.get(ab[1])),
        e::describe);
  }

  @Test
  void aSwapThatChangesNothingOrNamesNoExpertIsBadInput() {
    PlacementPlan v1 = plan();
    String in = dir.resolve("v1.json").toString();
    String out = dir.resolve("x.json").toString();
    int experts = v1.layers().get(0).experts().size();
    CliRun missing = CliRun.of("edit-plan", "--plan", in, "--swap-experts", "0:0," + experts, "--out", out);
    assertEquals(GroundCli.EXIT_BAD_INPUT, missing.exit(), missing::describe);
    assertTrue(missing.err().contains("expert " + experts + " is not in layer 0"), missing::describe);
    CliRun same = CliRun.of("edit-plan", "--plan", in, "--swap-experts", "0:1,1", "--out", out);
    assertEquals(GroundCli.EXIT_BAD_INPUT, same.exit(), same::describe);
    assertTrue(same.err().contains("changes nothing"), same::describe);
    CliRun syntax = CliRun.of("edit-plan", "--plan", in, "--swap-experts", "0-1-2", "--out", out);
    assertEquals(GroundCli.EXIT_BAD_INPUT, syntax.exit(), syntax::describe);
    assertTrue(syntax.err().contains("LAYER:EXPERT,EXPERT"), syntax::describe);
    CliRun layer = CliRun.of("edit-plan", "--plan", in, "--swap-experts", "99:0,1", "--out", out);
    assertEquals(GroundCli.EXIT_BAD_INPUT, layer.exit(), layer::describe);
    assertTrue(layer.err().contains("layer 99 is not in the plan"), layer::describe);
    assertEquals(1, layer.err().strip().lines().count(), layer::describe);
  }
}
