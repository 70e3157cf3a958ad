package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.cli.HilCli;
import org.spacemoe.shared.plan.PlanJson;
import picocli.CommandLine;

/**
 * {@code hil bench --preset tiny --uplink --attacks all --tokens 16}: every attack goes through the embedded HiveMQ
 * CE broker to the node, each is refused with its own reason, and the tokens generated afterwards equal the
 * reference (exit 0).
 */
@Timeout(300)
class BenchAttacksTest {
  @TempDir Path dir;

  @Test
  void everyAttackIsRefusedWithItsOwnReasonAndTheTokensStillMatch() throws Exception {
    Path report = dir.resolve("r.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = HilCli.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute("bench", "--preset", "tiny", "--uplink", "--attacks", "all", "--tokens", "16",
        "--work-dir", dir.resolve("work").toString(), "--report", report.toString());
    JsonNode r = PlanJson.mapper().readTree(report.toFile());
    JsonNode attacks = r.get("settings").get("attacks");
    Map<String, String> reasons = new LinkedHashMap<>();
    attacks.fields().forEachRemaining(e -> {
      assertTrue(e.getValue().get("attempted").asBoolean(), e.getKey() + " " + e.getValue());
      assertTrue(e.getValue().get("refused").asBoolean(), e.getKey() + " " + e.getValue());
      reasons.put(e.getKey(), e.getValue().get("reason").asText());
    });
    Map<String, String> want = new LinkedHashMap<>();
    want.put("forged-command", "BAD_SIGNATURE");
    want.put("replayed-command", "REPLAYED");
    want.put("replayed-command-after-restart", "REPLAYED");
    want.put("wrong-target-command", "WRONG_TARGET");
    want.put("rollback-unheld", "NOT_HELD");
    want.put("activate-older", "STALE_VERSION");
    want.put("forged-plan", "BAD_SIGNATURE");
    want.put("replayed-plan", "STALE_VERSION");
    want.put("truncated-chunk", "TRANSFER/LENGTH_MISMATCH");
    want.put("flipped-chunk", "TRANSFER/BAD_CRC");
    want.put("oversize-frame", "MALFORMED:SHAPE_TOO_LARGE");
    assertEquals(want, reasons, out::toString);
    assertTrue(r.get("settings").get("allAttacksRefused").asBoolean());
    assertTrue(r.get("matchesReference").asBoolean(), out::toString);
    assertEquals(16, r.get("tokens").asInt());
    assertEquals(0, code, () -> out + "\n" + err);
  }
}
