package org.spacemoe.ground.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.HiddenStateCodec;

/** The baselines and the evaluator on a hand-checked instance. */
class SplitBaselinesTest {
  /** 8 equal units of 1 GFLOP and 10 bytes; a 4x faster first satellite; 1 ms links. */
  private static SplitProblem twoSpeeds(long memory) {
    List<SplitUnit> units = java.util.stream.IntStream.range(0, 8)
        .mapToObj(i -> new SplitUnit("u" + i, 1e9, 10, 0)).toList();
    SplitChain chain = new SplitChain(List.of("a", "b"), List.of(new DeviceProfile("fast", 4e9, memory),
        new DeviceProfile("slow", 1e9, memory)), List.of(new ChainLink("a", "b", 1e-3, 1, 300)),
        new double[] {0, 1e-3}, new int[] {0, 1}, 0);
    return new SplitProblem(units, chain, SplitFixtures.fixtureCodecs(), 1000, 1e9, 0.001, 1);
  }

  @Test
  void uniformSplitsByCountProportionalBySpeed() {
    SplitProblem p = twoSpeeds(1000);
    assertEquals(List.of(4, 8), SplitBaselines.uniform(p).ends());
    assertEquals(List.of(6, 8), SplitBaselines.proportional(p).ends(), "4:1 speed -> 6.4 of 8 units first");
    assertEquals(List.of(HiddenStateCodec.FP32), SplitBaselines.uniform(p).cutCodecs());
  }

  @Test
  void theEvaluatorAddsComputeTransferAndRingByHand() {
    SplitProblem p = twoSpeeds(1000);
    SplitEvaluation e = new SplitEvaluator(p).evaluate("uniform", SplitBaselines.uniform(p));
    // 4 GFLOP at 4 GFLOP/s + 4 GFLOP at 1 GFLOP/s = 5 s; cut: 1 ms + (44 + 4000 + 4) B * 8 / 1 Gbit/s;
    // ring: 1 ms + (44 + 4 + 4) B * 8 / 1 Gbit/s
    double transfer = 1e-3 + 4048 * 8 / 1e9;
    double ring = 1e-3 + 52 * 8 / 1e9;
    assertEquals(5.0, e.computeS(), 1e-12);
    assertEquals(transfer, e.transferS(), 1e-15);
    assertEquals(ring, e.ringCloseS(), 1e-15);
    assertEquals(5.0 + transfer + ring, e.latencyS(), 1e-12);
    assertEquals(4048, e.islBytesPerToken());
    assertEquals("stage 1 (b) compute", e.pipeline().bottleneck());
    assertEquals(Math.min(1 / e.latencyS(), 1 / 4.0), e.pipeline().tokensPerS(), 1e-12);
  }

  @Test
  void aStarBeatsBothAndTheBudgetKeepsInt8Out() {
    SplitProblem p = twoSpeeds(1000);
    SplitSearchResult a = new AStarSplitPlanner(p).plan();
    SplitEvaluator eval = new SplitEvaluator(p);
    // everything on the fast satellite: 2 s, no cut, no ring
    assertEquals(List.of(8), a.plan().ends());
    assertEquals(2.0, a.latencyS(), 1e-12);
    assertTrue(a.latencyS() < eval.latencyS(SplitBaselines.proportional(p)));
    // 50 bytes hold 5 units: a cut is forced; the budget 0.001 is below int8's 0.0015 per cut
    SplitProblem tight = twoSpeeds(50);
    SplitSearchResult t = new AStarSplitPlanner(tight).plan();
    assertEquals(List.of(5, 8), t.plan().ends());
    assertEquals(List.of(HiddenStateCodec.FP16), t.plan().cutCodecs());
    assertFalse(new SplitEvaluator(tight).evaluate("uniform", new SplitPlan(List.of(6, 8),
        List.of(HiddenStateCodec.FP32))).feasible(), "60 bytes on a 50-byte satellite");
  }
}
