package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.DriftingShellTle;
import org.spacemoe.ground.TestScenarios;

/** replan --epoch-s without --stats: the plan's recorded statistics at a later epoch of a drifting TLE shell. */
class CliReplanEpochTest {
  @TempDir Path dir;

  @Test
  void theCiFixtureIsTheTwentyKilometreStepShell() throws IOException {
    Path generated = DriftingShellTle.write(dir.resolve("gen.tle"), 12, 16, 550, 20, 87);
    java.util.List<String> want = java.nio.file.Files.readAllLines(generated);
    java.util.List<String> got = java.nio.file.Files.readAllLines(Path.of("src/test/resources/replan/raising-12x16.tle"));
    assertEquals(want.size(), got.size(), "lines");
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i), got.get(i), "line " + (i + 1));
    }
  }

  @Test
  void aLaterEpochOfADriftingShellMigratesWithThePlansOwnStatistics() throws IOException {
    Path tle = DriftingShellTle.write(dir.resolve("shell.tle"), 12, 16, 550, 20, 87);
    Path plan = dir.resolve("P.json");
    CliRun p = CliRun.of("plan", "--constellation", "tle:" + tle + ",planes=12", "--model", TestScenarios.SMALL_MODEL,
        "--slots", "20", "--out", plan.toString());
    assertEquals(0, p.exit(), p.describe());
    ObjectMapper json = new ObjectMapper();
    assertTrue(!json.readTree(plan.toFile()).get("inputs").has("epochS"), "epoch 0 is not written");

    Path next = dir.resolve("N.json");
    Path rep = dir.resolve("R.json");
    CliRun rp = CliRun.of("replan", "--current", plan.toString(), "--epoch-s", "86400", "--samples", "400",
        "--out", next.toString(), "--report", rep.toString());
    assertEquals(0, rp.exit(), rp.describe());
    assertTrue(rp.out().contains("at epoch 86400 s"), rp.out());
    assertTrue(rp.out().contains("migrates"), rp.out());
    JsonNode r = json.readTree(rep.toFile());
    assertEquals(86400, r.get("epochS").asDouble());
    assertEquals(false, r.get("statsChanged").asBoolean());
    assertTrue(r.get("stats").asText().endsWith("expertShares"), r.get("stats").asText());
    JsonNode decision = r.get("decision");
    assertTrue(decision.get("migrate").asBoolean());
    assertTrue(decision.get("newMeanS").asDouble() < decision.get("currentMeanS").asDouble());
    JsonNode n = json.readTree(next.toFile());
    assertEquals(2, n.get("planVersion").asLong());
    assertEquals(86400, n.get("inputs").get("epochS").asDouble());

    // the new plan evaluates at its own epoch
    CliRun e = CliRun.of("evaluate", "--plan", next.toString(), "--samples", "400");
    assertEquals(0, e.exit(), e.describe());
  }
}
