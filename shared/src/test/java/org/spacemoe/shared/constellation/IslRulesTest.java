package org.spacemoe.shared.constellation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;

class IslRulesTest {
  private static final IslRules DEFAULTS = IslRules.defaults(); // 0.12 rad/s, 80 km grazing, unlimited range

  /** Two satellites: a at ra with velocity va, b at rb with velocity vb (km, km/s). */
  private static SatelliteStates pair(double[] ra, double[] va, double[] rb, double[] vb) {
    return new SatelliteStates(
        new double[] {ra[0], ra[1], ra[2], rb[0], rb[1], rb[2]},
        new double[] {va[0], va[1], va[2], vb[0], vb[1], vb[2]});
  }

  private static final double[] ZERO = {0, 0, 0};

  @Test
  void segmentThroughTheEarthIsBlocked() {
    // opposite sides of the Earth: the segment passes through the centre
    SatelliteStates st = pair(new double[] {7000, 0, 0}, ZERO, new double[] {-7000, 0, 0}, ZERO);
    assertTrue(Double.isNaN(DEFAULTS.lengthIfFeasibleKm(st, 0, 1)));
    assertTrue(Double.isNaN(DEFAULTS.lengthIfFeasibleKm(st, 1, 0)));
    // both ends outside, closest approach (0, 0, 0) strictly between them: blocked even though 90 deg apart
    SatelliteStates quarter = pair(new double[] {7000, 0, 0}, ZERO, new double[] {0, 7000, 0}, ZERO);
    // closest point of the chord is its midpoint, at 7000 cos 45 deg = 4950 km < 6458 km
    assertTrue(Double.isNaN(DEFAULTS.lengthIfFeasibleKm(quarter, 0, 1)));
  }

  @Test
  void grazingAltitudeIsPartOfTheOcclusionTest() {
    // segment x = 6400 km, y from -3000 to 3000: closest approach 6400 km from the centre, which clears the
    // bare Earth (6378.137 km) but not Earth + 80 km (6458.137 km). Length = 6000 km. Velocities equal: rate 0.
    SatelliteStates st = pair(new double[] {6400, -3000, 0}, ZERO, new double[] {6400, 3000, 0}, ZERO);
    assertTrue(Double.isNaN(DEFAULTS.lengthIfFeasibleKm(st, 0, 1)));
    IslRules noAtmosphere = new IslRules(0.12, 0, Double.POSITIVE_INFINITY);
    assertEquals(6000, noAtmosphere.lengthIfFeasibleKm(st, 0, 1), 1e-9);
  }

  @Test
  void closestApproachIsClampedToTheSegment() {
    // radial pair: the infinite line passes through the centre, the segment [7000, 8000] km does not
    SatelliteStates st = pair(new double[] {7000, 0, 0}, ZERO, new double[] {8000, 0, 0}, ZERO);
    assertEquals(1000, DEFAULTS.lengthIfFeasibleKm(st, 0, 1), 1e-9);
  }

  /**
   * a at (0, 0, 7000), b 1000 km away along x; relative velocity 50 km/s along y: LOS rate
   * |dr x dv| / |dr|^2 = |(1000,0,0) x (0,50,0)| / 1000^2 = 50000 / 10^6 = 0.05 rad/s exactly. The segment stays
   * at z = 7000 km, clear of the Earth.
   */
  private static SatelliteStates rate005() {
    double[] va = {1.5, -2, 7};
    double[] vb = {1.5, 48, 7}; // vb - va = (0, 50, 0)
    return pair(new double[] {0, 0, 7000}, va, new double[] {1000, 0, 7000}, vb);
  }

  @Test
  void trackingLimitDecidesAroundTheExactRate() {
    SatelliteStates st = rate005();
    assertEquals(1000, DEFAULTS.lengthIfFeasibleKm(st, 0, 1), 1e-12, "0.05 <= 0.12");
    assertEquals(1000, DEFAULTS.withTrackingLimit(0.05).lengthIfFeasibleKm(st, 0, 1), 1e-12, "limit inclusive");
    assertTrue(Double.isNaN(DEFAULTS.withTrackingLimit(0.0499).lengthIfFeasibleKm(st, 0, 1)), "0.05 > 0.0499");
    assertTrue(Double.isNaN(DEFAULTS.withTrackingLimit(0.04).lengthIfFeasibleKm(st, 0, 1)));
    // the rate is symmetric in a and b
    assertTrue(Double.isNaN(DEFAULTS.withTrackingLimit(0.04).lengthIfFeasibleKm(st, 1, 0)));
    assertEquals(1000, DEFAULTS.lengthIfFeasibleKm(st, 1, 0), 1e-12);
  }

  @Test
  void velocityAlongTheLineOfSightDoesNotCountAsRate() {
    // dv parallel to dr: dr x dv = 0, so rate 0 even at 100 km/s closing speed
    SatelliteStates st = pair(new double[] {0, 0, 7000}, ZERO, new double[] {1000, 0, 7000}, new double[] {-100, 0, 0});
    assertEquals(1000, DEFAULTS.withTrackingLimit(1e-9).lengthIfFeasibleKm(st, 0, 1), 1e-12);
  }

  @Test
  void maxRangeIsInclusive() {
    SatelliteStates st = rate005();
    assertEquals(1000, new IslRules(0.12, 80, 1000).lengthIfFeasibleKm(st, 0, 1), 1e-12);
    assertTrue(Double.isNaN(new IslRules(0.12, 80, 999.999).lengthIfFeasibleKm(st, 0, 1)));
  }

  @Test
  void coincidentSatellitesHaveNoLink() {
    SatelliteStates st = pair(new double[] {0, 0, 7000}, ZERO, new double[] {0, 0, 7000}, ZERO);
    assertTrue(Double.isNaN(DEFAULTS.lengthIfFeasibleKm(st, 0, 1)));
  }

  @Test
  void invalidRulesNameTheInput() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new IslRules(0, 80, 1000));
    assertTrue(e.getMessage().contains("tracking limit"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new IslRules(0.12, -1, 1000));
    assertTrue(e.getMessage().contains("grazing altitude"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new IslRules(0.12, 80, 0));
    assertTrue(e.getMessage().contains("range"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new IslRules(0.12, 80, Double.NaN));
    assertTrue(e.getMessage().contains("range"), e.getMessage());
  }

  private static boolean isSeam(Constellation c, GridLink l) {
    int pa = c.satellites().get(l.a()).plane();
    int pb = c.satellites().get(l.b()).plane();
    int last = c.planeCount() - 1;
    return l.kind() == LinkKind.INTER_PLANE && ((pa == 0 && pb == last) || (pa == last && pb == 0));
  }

  /**
   * Paper constellation (walker star 33 x 32, 550 km, 87 deg), default rules, 50 slots over one orbit.
   *
   * <p>Measured when written (not asserted, to stay robust to small model changes): seam links (plane 32 to
   * plane 0, counter-rotating, relative speed up to about 2 x 7.6 km/s) exist in 23.25% of the 32 x 50
   * (link, slot) pairs (372 of 1600); the co-rotating inter-plane links in 100%.
   */
  @Test
  void paperConstellationIntraPlaneAlwaysUpSeamMostlyDown() {
    Constellation c = ConstellationSpecs.parse("paper");
    TimeSlots slots = TimeSlots.overOneOrbit(c, 50);
    List<GridLink> links = c.gridLinks();
    double a = 6378.137 + 550;
    double intraChord = 2 * a * Math.sin(Math.PI / 32); // 1359.0 km, see WalkerConstellationTest
    int seamCandidates = 0;
    for (GridLink l : links) {
      if (isSeam(c, l)) {
        seamCandidates++;
      }
    }
    assertEquals(32, seamCandidates, "one seam link per satellite of plane 32");
    long seamUp = 0;
    long otherInterUp = 0;
    long otherInterCandidates = 0;
    for (int k = 0; k < slots.count(); k++) {
      IslSnapshot snap = IslSnapshot.of(c, IslRules.defaults(), slots, k);
      for (int i = 0; i < links.size(); i++) {
        GridLink l = links.get(i);
        if (l.kind() == LinkKind.INTRA_PLANE) {
          assertTrue(snap.exists(i), "intra-plane link " + l + " slot " + k);
          assertEquals(intraChord, snap.lengthKm(i), 1e-6);
        } else if (isSeam(c, l)) {
          seamUp += snap.exists(i) ? 1 : 0;
        } else {
          otherInterCandidates++;
          otherInterUp += snap.exists(i) ? 1 : 0;
        }
      }
    }
    double seamFraction = seamUp / (double) (seamCandidates * slots.count());
    double otherFraction = otherInterUp / (double) otherInterCandidates;
    assertTrue(seamFraction < 0.5, "seam links up in " + seamFraction + " of slots");
    assertTrue(otherFraction > seamFraction, "co-rotating neighbours are easier to track than the seam");
  }
}
