package org.spacemoe.hil.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {
  @Test
  void nearestRankPercentilesInMicrosecondsOfTheFirstCountSamples() {
    long[] nanos = new long[120];
    for (int i = 0; i < 100; i++) {
      nanos[i] = (100 - i) * 1000L; // 100 .. 1 us, unsorted
    }
    nanos[100] = 1; // beyond count: ignored
    LatencyStats s = LatencyStats.ofNanos(nanos, 100);
    assertEquals(100, s.count());
    assertEquals(50.5, s.meanUs(), 1e-12);
    assertEquals(1, s.minUs());
    assertEquals(50, s.p50Us());
    assertEquals(90, s.p90Us());
    assertEquals(99, s.p99Us());
    assertEquals(100, s.maxUs());
  }

  @Test
  void fewSamplesGiveTheLargestForHighPercentiles() {
    LatencyStats s = LatencyStats.ofNanos(new long[] {3000, 1000, 2000}, 3);
    assertEquals(2, s.p50Us());
    assertEquals(3, s.p90Us());
    assertEquals(3, s.p99Us());
  }

  @Test
  void noSampleIsNanEverywhere() {
    LatencyStats s = LatencyStats.ofNanos(new long[4], 0);
    assertEquals(0, s.count());
    assertTrue(Double.isNaN(s.p50Us()) && Double.isNaN(s.meanUs()) && Double.isNaN(s.maxUs()));
  }
}
