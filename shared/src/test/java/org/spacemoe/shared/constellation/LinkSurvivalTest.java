package org.spacemoe.shared.constellation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spacemoe.shared.input.InvalidInputException;

class LinkSurvivalTest {
  @Test
  void sameSeedSlotAndDrawGiveTheSameRealisation() {
    LinkSurvival a = new LinkSurvival(0.95, 42);
    LinkSurvival b = new LinkSurvival(0.95, 42);
    for (int slot = 0; slot < 5; slot++) {
      for (int draw = 0; draw < 5; draw++) {
        assertEquals(a.sample(slot, draw, 2112), b.sample(slot, draw, 2112), "slot " + slot + " draw " + draw);
        assertEquals(a.sample(slot, draw, 2112), a.sample(slot, draw, 2112), "pure function of (seed, slot, draw)");
      }
    }
  }

  @Test
  void differentDrawsSlotsAndSeedsDiffer() {
    // with p = 0.5 and 2112 links two independent realisations coincide with probability 2^-2112
    LinkSurvival s = new LinkSurvival(0.5, 7);
    Set<BitSet> seen = new HashSet<>();
    for (int slot = 0; slot < 10; slot++) {
      for (int draw = 0; draw < 10; draw++) {
        assertTrue(seen.add(s.sample(slot, draw, 2112)), "slot " + slot + " draw " + draw + " repeats");
      }
    }
    assertNotEquals(s.sample(0, 0, 2112), new LinkSurvival(0.5, 8).sample(0, 0, 2112));
    // the realisation of (slot, draw) must not equal that of (draw, slot)
    assertNotEquals(s.sample(1, 2, 2112), s.sample(2, 1, 2112));
  }

  @Test
  void extremeProbabilities() {
    BitSet all = new LinkSurvival(1, 3).sample(4, 5, 1000);
    assertEquals(1000, all.cardinality());
    assertEquals(1000, all.nextClearBit(0));
    BitSet none = new LinkSurvival(0, 3).sample(4, 5, 1000);
    assertEquals(0, none.cardinality());
    assertEquals(0, new LinkSurvival(0.5, 3).sample(0, 0, 0).cardinality());
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.05, 0.3, 0.5, 0.95, 0.999})
  void empiricalFrequencyMatchesProbability(double p) {
    LinkSurvival s = new LinkSurvival(p, 2024);
    int links = 2112;
    int realisations = 100;
    long n = (long) links * realisations;
    long up = 0;
    for (int draw = 0; draw < realisations; draw++) {
      BitSet b = s.sample(3, draw, links);
      assertTrue(b.length() <= links, "no bit beyond linkCount");
      up += b.cardinality();
    }
    // binomial(n, p): mean n p, sigma sqrt(n p (1 - p)); n = 211200 -> sigma <= 230; allow 5 sigma
    double sigma = Math.sqrt(n * p * (1 - p));
    assertEquals(n * p, up, 5 * sigma, "p = " + p);
  }

  @Test
  void eachLinkIsUpWithProbabilityPAcrossDraws() {
    // per-link frequency over 4000 draws: sigma = sqrt(4000 * 0.95 * 0.05) = 13.8; 5 sigma = 69 links of 4000
    LinkSurvival s = new LinkSurvival(0.95, 99);
    int links = 20;
    int draws = 4000;
    int[] up = new int[links];
    for (int d = 0; d < draws; d++) {
      BitSet b = s.sample(0, d, links);
      for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
        up[i]++;
      }
    }
    for (int i = 0; i < links; i++) {
      assertEquals(0.95 * draws, up[i], 69, "link " + i);
    }
  }

  @Test
  void probabilityOutsideUnitIntervalIsRejected() {
    for (double p : new double[] {-0.01, 1.01, Double.NaN}) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> new LinkSurvival(p, 1));
      assertTrue(e.getMessage().contains("link survival probability"), e.getMessage());
    }
  }
}
