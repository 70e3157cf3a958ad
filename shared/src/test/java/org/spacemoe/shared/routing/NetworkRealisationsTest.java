package org.spacemoe.shared.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.IslSnapshot;
import org.spacemoe.shared.constellation.LinkKind;
import org.spacemoe.shared.constellation.LinkSurvival;
import org.spacemoe.shared.constellation.TimeSlots;

/**
 * Realisations on small Walker stars. 6 x 10 at 550 km: an intra-plane chord spans 36 deg, its midpoint is at
 * a cos 18 deg = 6928.137 x 0.9511 = 6589 km > 6458 km (Earth + 80 km), and its LOS rate is the mean motion
 * n = 2 pi / 5739 s = 0.0011 rad/s < 0.12, so every plane is a ring in every slot.
 */
class NetworkRealisationsTest {
  private static final int SLOTS = 10;
  private static final HopLatencyModel HOP = new HopLatencyModel(100e9, 8192);

  private static NetworkRealisations net(Constellation c, double survival) {
    return new NetworkRealisations(c, IslRules.defaults(), TimeSlots.overOneOrbit(c, SLOTS),
        new LinkSurvival(survival, 11), HOP);
  }

  private static int[] all(Constellation c) {
    return IntStream.range(0, c.size()).toArray();
  }

  @Test
  void waitIsHalfALinkStateInterval() {
    Constellation c = ConstellationSpecs.parse("walker-star:planes=6,sats=10");
    // link states last 1/200 of an orbit whatever the sampled slots; the expected wait is half of that
    assertEquals(c.orbitPeriodS() / 200 / 2, net(c, 0.95).waitForNextSlotS(), 1e-12);
  }

  @Test
  void withoutFailuresNothingWaitsAndNeighboursInAPlaneAreOneHop() {
    Constellation c = ConstellationSpecs.parse("walker-star:planes=6,sats=10");
    NetworkRealisations net = net(c, 1);
    double a = 6378.137 + 550;
    // the direct link is the shortest path: any detour is longer (triangle inequality) and pays one more
    // transmission time (8192 B x 8 / 100 Gbit/s = 0.655 us); hop = chord / c + transmission
    double oneHop = 2 * a * Math.sin(Math.PI / 10) / 299792.458 + 8192 * 8 / 100e9;
    for (int slot = 0; slot < SLOTS; slot++) {
      NetworkRealisations.Realisation r = net.realisation(slot, 0);
      for (int source = 0; source < c.size(); source++) {
        PathLatencies pl = r.to(source, all(c));
        for (int i = 0; i < c.size(); i++) {
          assertFalse(pl.waitedForNextSlot()[i], "slot " + slot + " " + source + "->" + i);
          assertTrue(Double.isFinite(pl.latencyS()[i]), "connected: planes are rings and adjacent planes link");
        }
        assertEquals(0.0, pl.latencyS()[source]);
        assertEquals(0, pl.hops()[source]);
        var sat = c.satellites().get(source);
        int next = c.indexOf(sat.plane(), (sat.slotInPlane() + 1) % 10);
        assertEquals(oneHop, pl.latencyS()[next], 1e-15, "slot " + slot + " " + source + "->" + next);
        assertEquals(1, pl.hops()[next]);
      }
    }
  }

  @Test
  void withEveryLinkFailedEveryOtherTargetWaitsOnceForTheFailureFreePath() {
    Constellation c = ConstellationSpecs.parse("walker-star:planes=6,sats=10");
    NetworkRealisations failing = net(c, 0);
    NetworkRealisations nominal = net(c, 1);
    double wait = failing.waitForNextSlotS();
    for (int slot = 0; slot < SLOTS; slot++) {
      NetworkRealisations.Realisation r = failing.realisation(slot, 3);
      assertEquals(0, r.upLinkCount());
      NetworkRealisations.Realisation ok = nominal.realisation(slot, 3);
      for (int source = 0; source < c.size(); source++) {
        PathLatencies got = r.to(source, all(c));
        PathLatencies ref = ok.to(source, all(c));
        for (int t = 0; t < c.size(); t++) {
          String where = "slot " + slot + " " + source + "->" + t;
          if (t == source) {
            assertFalse(got.waitedForNextSlot()[t], where);
            assertEquals(0.0, got.latencyS()[t], where);
            assertEquals(0, got.hops()[t], where);
          } else {
            assertTrue(got.waitedForNextSlot()[t], where);
            assertEquals(ref.latencyS()[t] + wait, got.latencyS()[t], 0.0, where);
            assertEquals(ref.hops()[t], got.hops()[t], where);
          }
        }
      }
    }
  }

  @Test
  void latencyIsSymmetricAndFailuresNeverShortenAPath() {
    Constellation c = ConstellationSpecs.parse("walker-star:planes=6,sats=10");
    NetworkRealisations net = net(c, 0.9);
    NetworkRealisations nominal = net(c, 1);
    int n = c.size();
    for (int slot = 0; slot < SLOTS; slot += 3) {
      for (int draw = 0; draw < 4; draw++) {
        NetworkRealisations.Realisation r = net.realisation(slot, draw);
        double[][] lat = new double[n][];
        boolean[][] waited = new boolean[n][];
        for (int s = 0; s < n; s++) {
          PathLatencies pl = r.to(s, all(c));
          lat[s] = pl.latencyS();
          waited[s] = pl.waitedForNextSlot();
          PathLatencies ref = nominal.realisation(slot, draw).to(s, all(c));
          for (int t = 0; t < n; t++) {
            assertTrue(lat[s][t] >= ref.latencyS()[t] - 1e-15, "removing links cannot shorten " + s + "->" + t);
          }
        }
        for (int s = 0; s < n; s++) {
          for (int t = 0; t < s; t++) {
            // same path summed in the other direction: equal up to rounding
            assertEquals(lat[s][t], lat[t][s], 1e-15 * Math.max(1, lat[s][t]), "slot " + slot + " " + s + "<->" + t);
            assertEquals(waited[s][t], waited[t][s], "slot " + slot + " " + s + "<->" + t);
          }
        }
        // the same realisation asked twice gives the same answer
        assertArrayEquals(lat[0], net.realisation(slot, draw).to(0, all(c)).latencyS());
      }
    }
  }

  /**
   * 6 x 8 at 550 km: an intra-plane chord spans 45 deg and its midpoint is at a cos 22.5 deg = 6928.137 x 0.9239
   * = 6400.8 km, below Earth + 80 km = 6458.1 km, so no intra-plane link ever exists. Each satellite then has
   * at most two links (to planes p-1 and p+1), the graph is a union of paths and cycles, and 48 satellites are
   * connected only if nearly all 8 seam links are up: some pairs are unreachable even without failures.
   */
  @Test
  void pairsDisconnectedWithoutFailuresStayInfiniteAndDoNotWait() {
    Constellation c = ConstellationSpecs.parse("walker-star:planes=6,sats=8");
    NetworkRealisations failing = net(c, 0);
    NetworkRealisations nominal = net(c, 1);
    int unreachable = 0;
    for (int slot = 0; slot < SLOTS; slot++) {
      IslSnapshot snap = nominal.snapshot(slot);
      for (int i = 0; i < snap.candidates().size(); i++) {
        if (snap.candidates().get(i).kind() == LinkKind.INTRA_PLANE) {
          assertFalse(snap.exists(i), "intra-plane link " + snap.candidates().get(i) + " slot " + slot);
        }
      }
      for (int s = 0; s < c.size(); s++) {
        PathLatencies ref = nominal.realisation(slot, 0).to(s, all(c));
        PathLatencies got = failing.realisation(slot, 0).to(s, all(c));
        for (int t = 0; t < c.size(); t++) {
          if (Double.isInfinite(ref.latencyS()[t])) {
            unreachable++;
            assertEquals(-1, ref.hops()[t]);
            assertEquals(Double.POSITIVE_INFINITY, got.latencyS()[t]);
            assertEquals(-1, got.hops()[t]);
            assertFalse(got.waitedForNextSlot()[t]);
          } else if (t != s) {
            assertTrue(got.waitedForNextSlot()[t]);
          }
        }
      }
    }
    assertTrue(unreachable > 0, "the scenario must contain unreachable pairs");
  }
}
