package org.spacemoe.ground.placement.joint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlacementResult;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Strategies;
import org.spacemoe.ground.scenario.Scenario;

/**
 * joint against spacemoe away from the paper's setting: a 40 x 40 Walker star at 700 km, the 4-of-16 LLaMA-MoE model,
 * and activation statistics read from a dump in SGLang's expert-distribution format ({@code logical_count}
 * [steps][layers][experts]); the counts are drawn here (a seeded skewed popularity per layer), not recorded.
 */
class JointOnAnotherSettingTest {
  @TempDir Path dir;

  @Test
  void jointIsAtLeastTenPercentBelowSpacemoe() throws IOException {
    Path dump = sglangDump(dir.resolve("expert_distribution.json"), 32, 16, 4, 6, 7);
    Scenario sc = TestScenarios.of("walker-star:planes=40,sats=40,altitude-km=700,inclination-deg=87,phasing=1",
        "llama-moe-3.5b-4of16", dump.toString(), 12, 0.95, 0.12, 3);
    PlanningContext ctx = new PlanningContext(sc);
    PlacementResult spacemoe = Strategies.byName("spacemoe").place(ctx);
    Placement joint = JointPlacement.joint().optimise(ctx, spacemoe).result().placement();
    List<LatencyReport> r = new TokenLatencyEvaluator(sc, ctx.network()).evaluateAll(
        List.of(spacemoe.placement(), joint), EvaluationSettings.forSamples(480, sc.slots(), 5), i -> { });
    double s = r.get(0).meanTokenLatencyS();
    double j = r.get(1).meanTokenLatencyS();
    assertTrue(j <= 0.90 * s, String.format(Locale.ROOT, "joint %.4f s vs spacemoe %.4f s = %.3fx (widths %s)", j, s,
        j / s, java.util.Arrays.toString(joint.split().attentionWidths())));
    assertTrue(joint.split().any(), "the saving comes with tensor-parallel layers");
  }

  /** An SGLang expert-distribution dump: per layer a shuffled Zipf(1.1) popularity, top-k experts per token. */
  static Path sglangDump(Path file, int layers, int experts, int topK, int steps, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] weight = new double[layers][experts];
    for (int l = 0; l < layers; l++) {
      for (int e = 0; e < experts; e++) {
        weight[l][e] = 1 / Math.pow(e + 1, 1.1);
      }
      for (int e = experts - 1; e > 0; e--) {
        int k = rnd.nextInt(e + 1);
        double t = weight[l][e];
        weight[l][e] = weight[l][k];
        weight[l][k] = t;
      }
    }
    StringBuilder json = new StringBuilder("{\"logical_count\": [");
    for (int st = 0; st < steps; st++) {
      json.append(st == 0 ? "[" : ", [");
      for (int l = 0; l < layers; l++) {
        long[] counts = new long[experts];
        for (int token = 0; token < 200; token++) {
          boolean[] taken = new boolean[experts];
          for (int k = 0; k < topK; k++) {
            counts[draw(weight[l], taken, rnd)]++;
          }
        }
        json.append(l == 0 ? "[" : ", [");
        for (int e = 0; e < experts; e++) {
          json.append(e == 0 ? "" : ", ").append(counts[e]);
        }
        json.append(']');
      }
      json.append(']');
    }
    json.append("], \"rank\": 0}");
    return Files.writeString(file, json);
  }

  private static int draw(double[] weight, boolean[] taken, SplittableRandom rnd) {
    double total = 0;
    for (int e = 0; e < weight.length; e++) {
      total += taken[e] ? 0 : weight[e];
    }
    double u = rnd.nextDouble() * total;
    int last = -1;
    for (int e = 0; e < weight.length; e++) {
      if (!taken[e]) {
        last = e;
        u -= weight[e];
        if (u <= 0) {
          break;
        }
      }
    }
    taken[last] = true;
    return last;
  }
}
