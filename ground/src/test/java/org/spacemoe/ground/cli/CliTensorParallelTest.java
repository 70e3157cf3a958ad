package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.TestScenarios;

/** {@code plan --tensor-parallel-width}: prints the predicted splits and writes them into the plan. */
class CliTensorParallelTest {
  @TempDir Path dir;

  private CliRun plan(String strategy, String device, int width, Path out) {
    return CliRun.of("plan", "--constellation", TestScenarios.SMALL_CONSTELLATION, "--model", TestScenarios.SMALL_MODEL,
        "--device", device, "--slots", "8", "--strategy", strategy, "--tensor-parallel-width", String.valueOf(width),
        "--out", out.toString());
  }

  @Test
  void aSplitPlanIsPredictedAndWrittenWithItsParts() throws Exception {
    Path out = dir.resolve("split.json");
    // 10 MFLOP/s: the small model's attention takes 105 ms, far more than a round trip to a neighbour
    CliRun r = plan("joint", "custom:gflops=0.01,memory-gib=8", 4, out);
    assertEquals(0, r.exit(), r.describe());
    assertTrue(r.out().contains("with tensor-parallel gateways (predicted)"), r.describe());
    assertTrue(r.out().contains("LM head: width"), r.describe());
    String json = Files.readString(out);
    assertTrue(json.contains("\"attentionParts\""), json);
  }

  @Test
  void noSplitPaysOnAFastComputerSoThePlanIsWritten() {
    Path out = dir.resolve("plain.json");
    CliRun r = plan("joint", "sbc-2a72", 4, out);
    assertEquals(0, r.exit(), r.describe());
    assertTrue(Files.exists(out));
  }

  @Test
  void onlyJointSplits() {
    CliRun r = plan("spacemoe", "sbc-2a72", 2, dir.resolve("x.json"));
    assertEquals(2, r.exit(), r.describe());
    assertTrue(r.err().contains("--tensor-parallel-width"), r.describe());
  }

  @Test
  void jointSplitsByDefaultAndWidthOneTurnsItOff() throws Exception {
    String slow = "custom:gflops=0.01,memory-gib=8";
    Path byDefault = dir.resolve("default.json");
    CliRun d = CliRun.of("plan", "--constellation", TestScenarios.SMALL_CONSTELLATION, "--model",
        TestScenarios.SMALL_MODEL, "--device", slow, "--slots", "8", "--strategy", "joint", "--out", byDefault.toString());
    assertEquals(0, d.exit(), d.describe());
    assertTrue(Files.readString(byDefault).contains("\"attentionParts\""), d.describe());
    Path off = dir.resolve("off.json");
    CliRun o = plan("joint", slow, 1, off);
    assertEquals(0, o.exit(), o.describe());
    assertFalse(Files.readString(off).contains("Parts"), o.describe());
  }
}
