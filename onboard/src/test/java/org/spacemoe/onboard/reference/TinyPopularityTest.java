package org.spacemoe.onboard.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spacemoe.onboard.shard.ModelExecutors;
import org.spacemoe.onboard.shard.ShardLoader;
import org.spacemoe.onboard.shard.TinyModel;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.RouterBias;
import org.spacemoe.shared.model.onnx.WeightFormat;

/**
 * Measured expert popularity of the tiny model (4 experts, top-2) over 200 tokens for several skews. Measured at
 * seed 7 (shares of activations; the planner's Plackett-Luce target in brackets):
 * zipf 0: 0.201 0.301 0.271 0.226 (0.25 each); zipf 1: 0.385 0.329 0.170 0.116 (0.394 0.270 0.190 0.145);
 * zipf 2: 0.456 0.351 0.120 0.073 (0.472 0.306 0.142 0.080). With d = 32 the router columns' norms differ by
 * about 12 %, so the tiny model follows the target only roughly; the bench model (d = 128) follows it within 0.01.
 */
class TinyPopularityTest {
  @Test
  void expertZeroIsTheMostPopularWhenTheSkewIsAtLeastOne() throws Exception {
    int[] prompt = new SplittableRandom(2).ints(200, 0, 64).toArray();
    for (double s : new double[] {0.0, 1.0, 2.0}) {
      double[] shares = new double[4];
      try (ModelExecutors m = ShardLoader.open(TinyModel.export(MoeModelShape.TINY, 7, s, WeightFormat.FP32))
          .loadAll()) {
        ReferenceGenerator.Generation g = new ReferenceGenerator(m).generate(prompt, 1);
        for (ReferenceGenerator.Step st : g.steps()) {
          for (int[] layer : st.selectedExperts()) {
            for (int e : layer) {
              shares[e]++;
            }
          }
        }
      }
      double total = 0;
      for (double c : shares) {
        total += c;
      }
      for (int e = 0; e < 4; e++) {
        shares[e] /= total;
      }
      System.out.printf(Locale.ROOT, "tiny zipf %.1f over 200 tokens x 2 layers: measured %s, target %s%n", s,
          BenchPresetTest.fmt(shares), BenchPresetTest.fmt(RouterBias.plannerShares(4, 2, s)));
      if (s >= 1) {
        for (int e = 1; e < 4; e++) {
          assertTrue(shares[0] > shares[e], "zipf " + s + ": expert 0 is the most popular");
        }
      }
    }
  }
}
