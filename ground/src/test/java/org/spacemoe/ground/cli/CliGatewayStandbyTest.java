package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.TestScenarios;

/** plan --gateway-standby, then evaluate with satellite failures: through the CLI. */
class CliGatewayStandbyTest {
  @TempDir Path dir;

  @Test
  void standbyPlanAndItsAvailabilityWithAndWithout() throws IOException {
    CliRun help = CliRun.of("plan", "--help");
    assertTrue(help.out().contains("--gateway-standby"), help.out());

    Path plan = dir.resolve("S.json");
    CliRun p = CliRun.of("plan", "--constellation", TestScenarios.SMALL_CONSTELLATION, "--model",
        TestScenarios.SMALL_MODEL, "--slots", "20", "--gateway-standby", "--out", plan.toString());
    assertEquals(0, p.exit(), p.describe());
    assertTrue(p.out().contains("standby"), p.out());
    JsonNode layers = new ObjectMapper().readTree(plan.toFile()).get("layers");
    for (JsonNode lp : layers) {
      String standby = lp.get("standby").asText();
      assertFalse(standby.equals(lp.get("gateway").asText()));
      boolean inSubnet = false;
      for (JsonNode s : lp.get("subnet")) {
        inSubnet |= s.asText().equals(standby);
      }
      assertTrue(inSubnet, lp.toString());
    }

    Path report = dir.resolve("E.json");
    CliRun e = CliRun.of("evaluate", "--plan", plan.toString(), "--samples", "400", "--satellite-failure", "0.01",
        "--report", report.toString());
    assertEquals(0, e.exit(), e.describe());
    assertTrue(e.out().contains("with standby gateways"), e.out());
    assertTrue(e.out().contains("without standby gateways"), e.out());
    JsonNode sb = new ObjectMapper().readTree(report.toFile()).get("standby");
    assertTrue(sb.get("availabilityWithStandby").asDouble() >= sb.get("availabilityWithoutStandby").asDouble(),
        sb.toString());

    // without the flag: no standby field at all
    Path plain = dir.resolve("P.json");
    CliRun q = CliRun.of("plan", "--constellation", TestScenarios.SMALL_CONSTELLATION, "--model",
        TestScenarios.SMALL_MODEL, "--slots", "20", "--out", plain.toString());
    assertEquals(0, q.exit(), q.describe());
    assertFalse(java.nio.file.Files.readString(plain).contains("standby"));
  }
}
