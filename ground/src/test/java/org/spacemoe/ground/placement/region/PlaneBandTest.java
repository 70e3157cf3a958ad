package org.spacemoe.ground.placement.region;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spacemoe.shared.constellation.WalkerConstellation;
import org.spacemoe.shared.constellation.WalkerParameters;

class PlaneBandTest {
  @Test
  void oneGatewayPlaneWidensByTheMarginOnEachSide() {
    assertEquals(new PlaneBand(45, 11, 100), PlaneBand.covering(new int[] {50, 50}, 5, 100));
  }

  @Test
  void theBandWrapsAroundPlaneZeroWhenThatIsShorter() {
    PlaneBand b = PlaneBand.covering(new int[] {98, 1}, 2, 100);
    assertEquals(new PlaneBand(96, 8, 100), b);
    assertTrue(b.contains(99) && b.contains(0) && b.contains(3) && b.contains(96));
    assertFalse(b.contains(4) || b.contains(95) || b.contains(50));
  }

  @Test
  void aMarginReachingAroundGivesAllPlanes() {
    assertTrue(PlaneBand.covering(new int[] {5}, 5, 11).isWhole());
    assertFalse(PlaneBand.covering(new int[] {5}, 4, 11).isWhole());
    assertTrue(PlaneBand.covering(new int[] {0, 3, 6, 9}, 2, 12).isWhole());
  }

  @Test
  void satellitesAreListedBandPlaneByBandPlane() {
    WalkerConstellation c = new WalkerConstellation(WalkerParameters.paper().withSize(5, 3));
    assertArrayEquals(new int[] {12, 13, 14, 0, 1, 2}, new PlaneBand(4, 2, 5).satellites(c));
  }

  @Test
  void anImpossibleBandIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PlaneBand(0, 6, 5));
    assertThrows(IllegalArgumentException.class, () -> new PlaneBand(5, 1, 5));
    assertThrows(IllegalArgumentException.class, () -> new PlaneBand(0, 0, 5));
  }
}
