package org.spacemoe.shared.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.spacemoe.shared.model.MoeModel;

class ActivationStatisticsPropertyTest {

  @Provide
  Arbitrary<double[][]> countMatrices() {
    Arbitrary<Double> count = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(0.0)),
        Tuple.of(3, Arbitraries.integers().between(1, 1000).map(Integer::doubleValue)),
        Tuple.of(3, Arbitraries.doubles().between(0, 1e6)),
        Tuple.of(1, Arbitraries.doubles().between(1, 1.79).map(d -> d * 1e308)),
        Tuple.of(1, Arbitraries.doubles().between(1, 10).map(d -> d * 1e-300)),
        Tuple.of(1, Arbitraries.integers().between(1, 1000).map(i -> i * Double.MIN_VALUE)));
    return Arbitraries.integers().between(1, 80).flatMap(experts -> count
        .array(double[].class).ofSize(experts)
        .filter(row -> Arrays.stream(row).anyMatch(c -> c > 0))
        .array(double[][].class).ofMinSize(1).ofMaxSize(6));
  }

  @Property
  void sharesAreNonNegativeAndSumToOne(@ForAll("countMatrices") double[][] counts) {
    ActivationStatistics stats = new ActivationStatistics("prop", counts);
    for (int l = 0; l < stats.layers(); l++) {
      double sum = 0;
      for (double s : stats.layerShares(l)) {
        assertTrue(s >= 0, "share " + s);
        sum += s;
      }
      assertEquals(1.0, sum, 1e-12, "layer " + l);
    }
  }

  @Property
  void writeThenReadPreservesShares(@ForAll("countMatrices") double[][] counts) {
    ActivationStatistics stats = new ActivationStatistics("prop", counts);
    byte[] json = ActivationStatisticsJson.toJson(stats).getBytes(StandardCharsets.UTF_8);
    MoeModel model = new MoeModel("prop", stats.layers(), stats.experts(), 1, 1, 1, 1);
    ActivationStatistics back = ActivationStatisticsFile.parse("round-trip.json", json, model);
    for (int l = 0; l < stats.layers(); l++) {
      for (int e = 0; e < stats.experts(); e++) {
        assertEquals(stats.share(l, e), back.share(l, e), 1e-12, "layer " + l + " expert " + e);
      }
    }
  }

  @Property
  void sampleTopKDrawsDistinctExpertsAndPositiveSharesFirst(@ForAll("countMatrices") double[][] counts,
      @ForAll @IntRange(min = 0, max = 1000) int kSeed, @ForAll long seed) {
    ActivationStatistics stats = new ActivationStatistics("prop", counts);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int l = 0; l < stats.layers(); l++) {
      int k = 1 + kSeed % stats.experts();
      int[] out = new int[k];
      stats.sampleTopK(l, k, rnd, out);
      long positive = Arrays.stream(stats.layerShares(l)).filter(s -> s > 0).count();
      int layer = l;
      assertEquals(k, Arrays.stream(out).distinct().count(), Arrays.toString(out));
      assertTrue(Arrays.stream(out).allMatch(e -> e >= 0 && e < stats.experts()), Arrays.toString(out));
      assertEquals(Math.min(k, positive), Arrays.stream(out).filter(e -> stats.share(layer, e) > 0).count(),
          "positive-share experts drawn, out=" + Arrays.toString(out));
    }
  }
}
