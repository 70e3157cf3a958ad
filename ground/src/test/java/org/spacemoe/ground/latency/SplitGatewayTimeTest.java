package org.spacemoe.ground.latency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.failures.SatelliteFailures;
import org.spacemoe.ground.layout.GatewaySplit;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.RingLinearPlacement;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.EarthConstants;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.HiddenStateCodec;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.stats.ActivationStatistics;

/** The split gateway's time against hand-computed cases, and width 1 against today's numbers. */
class SplitGatewayTimeTest {
  /** 1 MFLOP/s: the attention (0.54 GFLOP) takes 0.54 s, so a three-way split saves far more than two ISL hops. */
  private static final DeviceProfile ONE_MFLOPS = new DeviceProfile("slow", 1e6, 1L << 30);
  private static final int D = 256;
  private static final int C = 16;
  // attention A = 2 (4 d^2 + 2 c d), router R = 2 d E (E = 1), expert X = 2 * 3 d w, head H = 2 d V, at 1e6 FLOP/s
  private static final double A_S = 2.0 * (4.0 * D * D + 2.0 * C * D) / 1e6;
  private static final double R_S = 2.0 * D * 1 / 1e6;
  private static final double X_S = 2.0 * 3 * D * 512 / 1e6;
  private static final double H_S = 2.0 * D * 1000 / 1e6;

  /** One plane of 12 satellites: a ring whose neighbours are a fixed chord apart, as in TokenLatencyEvaluatorTest. */
  private static Scenario ring() {
    MoeModel model = new MoeModel("custom", 2, 1, 1, D, 512, 1000);
    String spec = "walker-star:planes=1,sats=12,phasing=0";
    return new Scenario(spec, ConstellationSpecs.parse(spec), IslRules.defaults().withTrackingLimit(10), 10, 1.0, 7,
        100e9, HiddenStateCodec.FP32, model, ONE_MFLOPS, C, ActivationStatistics.uniform(2, 1));
  }

  /** One ISL hop of the ring: light-time over the chord plus one fp32 hidden state (1024 bytes) at 100 Gbit/s, s. */
  private static double hopS() {
    double a = EarthConstants.EQUATORIAL_RADIUS_KM + 550;
    return 2 * a * Math.sin(Math.PI / 12) / EarthConstants.SPEED_OF_LIGHT_KM_PER_S + 256 * 4 * 8 / 100e9;
  }

  /** Layer 0: gateway s0, expert s2, next gateway s6; layer 1: gateway s6, expert s5, ring closure to s0. */
  private static Placement unsplit() {
    return new Placement("hand", new int[][] {{0, 1, 2, 11}, {5, 6, 7}}, new int[] {0, 6},
        new int[][][] {{{2}}, {{5}}});
  }

  private static void assertRel(double expected, double actual, String what) {
    assertTrue(Math.abs(expected - actual) <= 1e-9 * Math.abs(expected),
        what + ": expected " + expected + ", got " + actual);
  }

  @Test
  void splitLayerAndHeadMatchTheHandComputedTime() {
    // layer 0's attention over s0 (lead), s1 and s11 (one hop each way): 2 hops + A/3, then the router on s0;
    // the LM head over s6 (lead) and s7 (one hop): 2 hops + H/2. Layer 1's attention is not split: A + R.
    Placement p = unsplit().withSplit(new GatewaySplit(new int[][] {{1, 11}, {}}, new int[] {7}));
    double hop = hopS();
    double layer0 = (2 * hop + A_S / 3 + R_S) + (2 * 2 * hop + X_S) + 6 * hop;
    double layer1 = (A_S + R_S) + (2 * 1 * hop + X_S) + 6 * hop + (2 * hop + H_S / 2);
    LatencyReport r = new TokenLatencyEvaluator(ring()).evaluate(p, new EvaluationSettings(10, 2, 3));
    assertEquals(0, r.excludedTokens());
    assertRel(layer0 + layer1, r.meanTokenLatencyS(), "token");
    assertRel(layer0, r.layers().get(0).totalS(), "layer 0");
    assertRel(A_S / 3 + R_S + X_S, r.layers().get(0).computeS(), "layer 0 compute (a part's share, router, expert)");
    assertRel(A_S + R_S + X_S + H_S / 2, r.layers().get(1).computeS(), "layer 1 compute");
    double tx = 256 * 4 * 8 / 100e9;
    assertRel((2 + 4 + 6) * tx, r.layers().get(0).transmissionS(), "layer 0 transmission: 2 hops to the parts");
    assertTrue(r.meanTokenLatencyS() < new TokenLatencyEvaluator(ring()).evaluate(unsplit(),
        new EvaluationSettings(10, 2, 3)).meanTokenLatencyS(), "on a slow computer the split pays");
  }

  @Test
  void phaseIsTheSlowestShare() {
    assertEquals(0.5, SplitGatewayTime.phaseS(1.0, new double[] {1.0}, new double[] {0.0}), 1e-15);
    assertEquals(0.3 + 1.0 / 3, SplitGatewayTime.phaseS(1.0, new double[] {1.0, 1.0}, new double[] {0.1, 0.3}),
        1e-15);
    // a part on a computer 4x as fast: its share is done before the lead's
    assertEquals(0.5, SplitGatewayTime.phaseS(1.0, new double[] {0.25}, new double[] {0.2}), 1e-15);
  }

  @Test
  void widthOneIsTodaysEvaluationExactly() {
    Scenario sc = TestScenarios.small();
    Placement p = RingLinearPlacement.spaceMoe().place(new PlanningContext(sc)).placement();
    Placement explicitNone = p.withSplit(GatewaySplit.none(p.layers()));
    EvaluationSettings s = new EvaluationSettings(sc.slots(), 20, 5);
    TokenLatencyEvaluator ev = new TokenLatencyEvaluator(sc);
    assertEquals(ev.evaluate(p, s), ev.evaluate(explicitNone, s));
    assertArrayEquals(PlanJson.toBytes(p.toPlan(sc, 1)), PlanJson.toBytes(explicitNone.toPlan(sc, 1)),
        "the plan file is byte-identical");
  }

  @Test
  void aPartDownFailsTheTokenLikeAnExpertWithoutACopy() {
    Scenario sc = ring();
    Placement p = unsplit().withSplit(new GatewaySplit(new int[][] {{1}, {}}, new int[] {7}));
    EvaluationSettings s = new EvaluationSettings(10, 2, 3);
    for (int down : new int[] {1, 7}) {
      LatencyReport r = new TokenLatencyEvaluator(sc).withFailures(new SatelliteFailures(0, new int[] {down}, 0))
          .evaluate(p, s);
      assertEquals(20, r.failedTokens(), "part s" + down + " down");
      assertEquals(0, r.tokens());
    }
    LatencyReport bystander = new TokenLatencyEvaluator(sc).withFailures(new SatelliteFailures(0, new int[] {9}, 0))
        .evaluate(p, s);
    assertEquals(0, bystander.failedTokens(), "s9 holds no role");
  }
}
