package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.shared.plan.CombinePoint;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;

/** The tiny bench through a real broker: the distributed run equals the single-process reference. */
class BenchEndToEndTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @Test
  @Timeout(120)
  void tinyBenchMatchesTheReference(@TempDir Path dir) throws Exception {
    BenchOptions o = TinyBench.options(dir, BROKER.uri(), 6, 0.05);
    long t0 = System.nanoTime();
    BenchReport r = BenchRunner.run(o, n -> { });
    String summary = "report: tokens=" + r.tokens() + " errors=" + r.errors() + " drops=" + r.droppedFrames()
        + " maxDiff=" + r.maxHiddenAbsDiff() + " compared=" + r.hiddenStatesCompared();

    assertTrue(r.matchesReference(), summary);
    assertEquals(6, r.tokens(), summary);
    assertEquals(6, r.referenceTokens().length, summary);
    assertArrayEquals(r.referenceTokens(), r.generatedTokens(), summary);
    assertTrue(r.hiddenStatesCompared() > 0, summary);
    assertTrue(r.maxHiddenAbsDiff() <= BenchRunner.HIDDEN_TOLERANCE, summary);
    assertTrue(r.droppedFrames().isEmpty(), summary);
    assertTrue(r.errors().isEmpty(), summary);
    assertEquals(5, r.perToken().size(), summary);
    assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 60, "the tiny bench should take seconds");
  }

  /**
   * With calibration the run first generates a calibration sequence and measures the software time per frame hop;
   * the timed tokens are then predicted with it: never below the model-only prediction, and by exactly the
   * calibrated time for each frame hop on the critical path.
   */
  @Test
  @Timeout(180)
  void calibratedBenchMeasuresTheHopOverheadBeforeTheTokens(@TempDir Path dir) throws Exception {
    BenchOptions o = TinyBench.options(dir, BROKER.uri(), 10, 0.05);
    BenchReport r = BenchRunner.run(o, java.util.List.of(), true, 0, 4, n -> { });
    HopCalibration c = r.hopCalibration();
    String summary = "calibration " + c + ", predicted " + r.predictedMeanTokenLatencyS() + " model-only "
        + r.predictedModelOnlyS() + ", errors " + r.errors();
    assertTrue(r.matchesReference(), summary);
    assertEquals(4, c.tokens(), summary);
    PlacementPlan plan = PlanJson.read(dir.resolve("data/plan.json"));
    int layers = plan.layers().size();
    // per layer at most: gateway -> expert, expert -> gateway, gateway -> next gateway
    assertTrue(c.framesPerToken() > 0 && c.framesPerToken() <= 3 * layers + 1e-9, summary);
    assertTrue(c.hopOverheadMs() >= 0 && Double.isFinite(c.hopOverheadMs()), summary);
    assertTrue(r.predictedMeanTokenLatencyS() >= r.predictedModelOnlyS() - 1e-12, summary);
    double addedS = r.predictedMeanTokenLatencyS() - r.predictedModelOnlyS();
    assertTrue(addedS <= 3 * layers * c.hopOverheadMs() / 1e3 + 1e-9, summary);
    assertEquals(r.measuredMeanTokenLatencyS() / r.predictedMeanTokenLatencyS(), r.measuredOverPredicted(), 1e-12);

    BenchReport plain = BenchRunner.run(TinyBench.options(dir.resolve("plain"), BROKER.uri(), 4, 0.05), n -> { });
    assertEquals(0, plain.hopCalibration().tokens());
    assertEquals(plain.predictedModelOnlyS(), plain.predictedMeanTokenLatencyS(), 0);
  }

  /** joint combines layers at the next layer's gateway: the runtime must still compute exactly the reference. */
  @Test
  @Timeout(120)
  void jointPlanWithNextGatewayCombineMatchesTheReference(@TempDir Path dir) throws Exception {
    BenchOptions t = TinyBench.options(dir, BROKER.uri(), 6, 0.05);
    BenchOptions o = new BenchOptions(t.preset(), t.newTokens(), t.prompt(), t.timeScale(), t.broker(), "joint",
        t.linkEmulation(), t.computeEmulation(), t.compensateTransit(), t.slot(), t.seed(), t.zipf(), t.device(),
        t.checkHidden(), t.workDir());
    BenchReport r = BenchRunner.run(o, n -> { });
    PlacementPlan plan = PlanJson.read(dir.resolve("data/plan.json"));
    long next = plan.layers().stream().filter(l -> l.combinePoint() == CombinePoint.NEXT).count();
    String summary = "report: tokens=" + r.tokens() + " errors=" + r.errors() + " drops=" + r.droppedFrames()
        + " maxDiff=" + r.maxHiddenAbsDiff() + " compared=" + r.hiddenStatesCompared() + " next layers=" + next;
    assertTrue(next > 0, "the tiny joint plan combines some layer at the next gateway: " + summary);
    assertTrue(r.matchesReference(), summary);
    assertArrayEquals(r.referenceTokens(), r.generatedTokens(), summary);
    // every inter-layer state of every step (prompt 4 + 6 new tokens - 1 steps) is checked, those of layers
    // combined at the next gateway rebuilt from the residual and the experts' outputs seen on the wire
    assertEquals((TinyBench.PROMPT.length + 6 - 1) * (plan.layers().size() - 1), r.hiddenStatesCompared(), summary);
    assertTrue(r.droppedFrames().isEmpty(), summary);
    assertTrue(r.errors().isEmpty(), summary);
  }
}
