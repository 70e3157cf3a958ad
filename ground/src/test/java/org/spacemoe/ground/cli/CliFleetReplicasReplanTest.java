package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.TestScenarios;

/** plan with a mixed fleet and replicas, evaluate with failures, replan for shifted statistics: through the CLI. */
class CliFleetReplicasReplanTest {
  @TempDir Path dir;

  @Test
  void mixedFleetReplicasFailuresAndReplan() throws IOException {
    Path plan = dir.resolve("P.json");
    CliRun p = CliRun.of("plan", "--constellation", TestScenarios.SMALL_CONSTELLATION, "--model", TestScenarios.SMALL_MODEL,
        "--slots", "20", "--fleet", "per-plane:sbc-2a72/rad5545", "--replica-budget", "0.25", "--out", plan.toString());
    assertEquals(0, p.exit(), p.describe());
    assertTrue(p.out().contains("replicas: 8 extra expert copies of a budget of 8"), p.out());
    JsonNode planJson = new ObjectMapper().readTree(plan.toFile());
    assertEquals("spacemoe+replicas", planJson.get("strategy").asText());
    JsonNode fleet = planJson.get("inputs").get("fleet");
    assertEquals(2, fleet.get("devices").size());
    assertEquals(12 * 16, fleet.get("deviceOfSatellite").size());

    Path report = dir.resolve("E.json");
    CliRun e = CliRun.of("evaluate", "--plan", plan.toString(), "--samples", "400", "--satellite-failure", "0.01",
        "--report", report.toString());
    assertEquals(0, e.exit(), e.describe());
    assertTrue(e.out().contains("token availability"), e.out());
    JsonNode r = new ObjectMapper().readTree(report.toFile());
    double availability = r.get("report").get("availability").asDouble();
    assertTrue(availability > 0.5 && availability < 1, "availability " + availability);
    assertEquals(400, r.get("report").get("tokens").asLong() + r.get("report").get("failedTokens").asLong());
    assertEquals(0.01, r.get("satelliteFailures").get("probabilityPerSatellitePerSlot").asDouble());

    // statistics reversed in every layer (our stats format): the plan migrates
    Path stats = dir.resolve("B.json");
    Files.writeString(stats, "{\"format\": \"spacemoe-activation-stats\", \"version\": 1, \"layers\": ["
        + String.join(", ", java.util.Collections.nCopies(8, "[25, 33, 50, 100]")) + "]}");
    Path next = dir.resolve("N.json");
    Path rep = dir.resolve("R.json");
    CliRun rp = CliRun.of("replan", "--current", plan.toString(), "--stats", stats.toString(), "--samples", "400",
        "--out", next.toString(), "--report", rep.toString());
    assertEquals(0, rp.exit(), rp.describe());
    assertTrue(rp.out().contains("migrates"), rp.out());
    JsonNode decision = new ObjectMapper().readTree(rep.toFile()).get("decision");
    assertTrue(decision.get("migrate").asBoolean());
    assertTrue(decision.get("newMeanS").asDouble() < decision.get("currentMeanS").asDouble());
    JsonNode n = new ObjectMapper().readTree(next.toFile());
    assertEquals(2, n.get("planVersion").asLong());
    assertTrue(n.get("inputs").has("fleet"), "the fleet carries over");

    // the same shift as an SGLang expert distribution dump ([steps][layers][experts], summed), one hour over a
    // 1 kbit/s uplink: 16 moves of 1.5 MB take far longer than the decoding time saved, so it keeps the plan
    Path dump = dir.resolve("sglang.json");
    String step = "[" + String.join(", ", java.util.Collections.nCopies(8, "[5, 6, 10, 20]")) + "]";
    Files.writeString(dump, "{\"logical_count\": [" + step + ", " + step + "], \"other\": 1}");
    Path kept = dir.resolve("K.json");
    CliRun k = CliRun.of("replan", "--current", plan.toString(), "--stats", dump.toString(), "--samples", "400",
        "--uplink-rate-mbps", "0.001", "--out", kept.toString());
    assertEquals(0, k.exit(), k.describe());
    assertTrue(k.out().contains("keeps the current plan: over 3600 s"), k.out());
    assertEquals(1, new ObjectMapper().readTree(kept.toFile()).get("planVersion").asLong());
  }
}
