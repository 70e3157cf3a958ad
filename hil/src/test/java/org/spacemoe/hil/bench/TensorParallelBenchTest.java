package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.faults.FaultSpec;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlanJson;

/**
 * Tensor-parallel layers on the tiny bench: joint splits the attention where the (slow) computer makes it pay; the
 * distributed run equals the unsplit reference within float tolerance, survives lost, duplicated and reordered
 * frames, and a dead part fails its sequence with {@code PART_TIMEOUT} instead of stalling.
 */
class TensorParallelBenchTest {
  /** 0.2 MFLOP/s: the tiny model's attention takes about 370 ms, far more than a round trip to a neighbour. */
  private static final String SLOW = "custom:gflops=0.0002,memory-gib=8";

  private static BenchOptions options(Path dir, int tokens) {
    BenchOptions t = TinyBench.options(dir, "embedded", tokens, 0.1);
    return new BenchOptions(t.preset(), t.newTokens(), t.prompt(), t.timeScale(), t.broker(), "joint",
        t.linkEmulation(), t.computeEmulation(), t.compensateTransit(), t.slot(), t.seed(), t.zipf(), SLOW,
        t.checkHidden(), t.workDir());
  }

  @Test
  @Timeout(180)
  void splitLayersMatchTheReferenceWithinFloatTolerance(@TempDir Path dir) throws Exception {
    BenchReport r = BenchRunner.run(options(dir, 6), n -> { });
    String summary = "tokens " + r.tokens() + " errors " + r.errors() + " drops " + r.droppedFrames() + " maxDiff "
        + r.maxHiddenAbsDiff();
    for (LayerPlacement lp : PlanJson.read(dir.resolve("data/plan.json")).layers()) {
      assertTrue(lp.attentionWidth() >= 2, "layer " + lp.layer() + " split: " + lp);
    }
    assertTrue(r.matchesReference(), summary);
    assertArrayEquals(r.referenceTokens(), r.generatedTokens(), summary);
    assertTrue(r.hiddenStatesCompared() > 0, summary);
    assertTrue(r.maxHiddenAbsDiff() <= BenchRunner.SPLIT_HIDDEN_TOLERANCE, summary);
    assertTrue(r.droppedFrames().isEmpty(), summary);
    assertTrue(r.errors().isEmpty(), summary);
    assertTrue(Double.isFinite(r.measuredOverPredicted()), summary);
  }

  @Test
  @Timeout(240)
  void lostDuplicatedAndReorderedPartFramesChangeNoToken(@TempDir Path dir) throws Exception {
    BenchReport r = BenchRunner.run(options(dir, 6), FaultSpec.parseAll("loss:0.1,dup:0.1,reorder:0.1"), n -> { });
    FaultsReport f = r.faults();
    String summary = PlanJson.mapper().writeValueAsString(f);
    assertTrue(r.matchesReference(), summary);
    assertEquals(6, f.tokensIdenticalToReference(), summary);
    assertEquals(0, f.tokensLost(), summary);
    assertTrue(f.tokensFailedWithReason().isEmpty(), summary);
    assertTrue(f.duplicatesIgnored() > 0, summary);
    assertTrue(f.recovery().retriesByKind().getOrDefault("PART_REQUEST", 0L) > 0,
        "a lost part request or answer is asked for again: " + summary);
  }

  @Test
  @Timeout(240)
  void aDeadPartFailsItsSequenceWithPartTimeout(@TempDir Path dir) throws Exception {
    BenchOptions o = options(dir, 4);
    BenchWorkspace ws = BenchWorkspace.prepare(o);
    String part = ws.plan().layers().get(1).attentionParts().get(0);
    BenchReport r = BenchRunner.run(o, FaultSpec.parseAll("kill:" + part + "@0ms"), false, 3000, n -> { });
    FaultsReport f = r.faults();
    String summary = PlanJson.mapper().writeValueAsString(f);
    assertTrue(f.tokensFailedWithReason().containsKey("PART_TIMEOUT"), summary);
    assertEquals(0, f.tokensLost(), "failed with a named reason, not lost: " + summary);
    assertEquals(4, f.tokensCompleted() + f.tokensFailedWithReason().values().stream().mapToInt(Integer::intValue)
        .sum(), summary);
  }
}
