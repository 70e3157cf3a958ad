package org.spacemoe.ground.latency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The report's p50/p95/p99 are nearest-rank: the ceil(p/100 * n)-th smallest token latency. */
class NearestRankTest {
  @Test
  void isTheCeilRankThSmallestOfUnsortedValues() {
    double[] v = {10, 3, 7, 1, 9, 2, 8, 4, 6, 5};
    double[] before = v.clone();
    assertEquals(5, TokenLatencyEvaluator.nearestRank(v, 50));
    assertEquals(6, TokenLatencyEvaluator.nearestRank(v, 51));
    assertEquals(10, TokenLatencyEvaluator.nearestRank(v, 95));
    assertEquals(10, TokenLatencyEvaluator.nearestRank(v, 99));
    assertEquals(1, TokenLatencyEvaluator.nearestRank(v, 1));
    assertArrayEquals(before, v, "the input is left as it was");
  }

  @Test
  void aSampleIsItsOwnPercentileAndNoSampleIsNan() {
    assertEquals(0.25, TokenLatencyEvaluator.nearestRank(new double[] {0.25}, 99));
    assertTrue(Double.isNaN(TokenLatencyEvaluator.nearestRank(new double[0], 50)));
  }
}
