package org.spacemoe.onboard.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spacemoe.onboard.config.OnboardConfig;

class LinkFaultsTest {
  private static final int N = 100_000;

  @Test
  void zeroProbabilitiesAreTheIdentity() {
    LinkFaults f = new LinkFaults(0, 0, 0, 7, 1);
    assertTrue(f.isIdentity());
    for (int i = 0; i < 1000; i++) {
      assertEquals(List.of(0L), f.copiesOfNextFrame());
    }
    assertSame(LinkFaults.NONE, LinkFaults.of(new OnboardConfig()));
  }

  @Test
  void ratesAreWithinStatisticalBounds() {
    double loss = 0.05;
    double dup = 0.1;
    double reorder = 0.2;
    LinkFaults f = new LinkFaults(loss, dup, reorder, 42, 2.0);
    int lost = 0;
    int twice = 0;
    int copies = 0;
    int held = 0;
    for (int i = 0; i < N; i++) {
      List<Long> c = f.copiesOfNextFrame();
      if (c.isEmpty()) {
        lost++;
      } else if (c.size() == 2) {
        twice++;
      } else {
        assertEquals(1, c.size());
      }
      for (long d : c) {
        copies++;
        if (d > 0) {
          held++;
          // uniform in [1, 3] x 5 ms x time scale 2
          assertTrue(d >= 10_000_000L && d <= 30_000_000L, () -> "hold " + d);
        }
      }
    }
    // 5 standard deviations of a binomial count
    within(lost, N, loss);
    within(twice, N - lost, dup);
    within(held, copies, reorder);
  }

  private static void within(int count, int n, double p) {
    double mean = n * p;
    double sd = Math.sqrt(n * p * (1 - p));
    assertTrue(Math.abs(count - mean) <= 5 * sd, () -> count + " of " + n + " for p " + p);
  }

  @Test
  void sameSeedSameFaults() {
    assertEquals(draws(new LinkFaults(0.1, 0.1, 0.1, 3, 1)), draws(new LinkFaults(0.1, 0.1, 0.1, 3, 1)));
    assertTrue(!draws(new LinkFaults(0.1, 0.1, 0.1, 3, 1)).equals(draws(new LinkFaults(0.1, 0.1, 0.1, 4, 1))));
  }

  @Test
  void configuredFromOnboardKeys() {
    OnboardConfig c = new OnboardConfig();
    c.setLinkLoss(0.5);
    c.setLinkFaultSeed(9);
    assertEquals(draws(new LinkFaults(0.5, 0, 0, 9, 1)), draws(LinkFaults.of(c)));
  }

  @Test
  void probabilitiesOutsideTheRangeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new LinkFaults(1.0, 0, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new LinkFaults(0, -0.1, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new LinkFaults(0, 0, Double.NaN, 1, 1));
  }

  private static List<List<Long>> draws(LinkFaults f) {
    List<List<Long>> out = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      out.add(f.copiesOfNextFrame());
    }
    return out;
  }
}
