package org.spacemoe.shared.constellation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WalkerStatesOfTest {
  @Test
  void subsetStatesEqualTheFullStatesBitForBit() {
    WalkerConstellation c = new WalkerConstellation(WalkerParameters.paper().withSize(12, 10));
    int[] subset = {119, 0, 57, 58, 3};
    double t = 1234.5;
    SatelliteStates all = c.statesAt(t);
    SatelliteStates some = c.statesOf(subset, t);
    SatelliteStates viaDefault = new Constellation() {
      public String id() { return c.id(); }
      public java.util.List<Satellite> satellites() { return c.satellites(); }
      public int planeCount() { return c.planeCount(); }
      public int satellitesInPlane(int plane) { return c.satellitesInPlane(plane); }
      public int indexOf(int plane, int slot) { return c.indexOf(plane, slot); }
      public double orbitPeriodS() { return c.orbitPeriodS(); }
      public double meanAltitudeKm() { return c.meanAltitudeKm(); }
      public SatelliteStates statesAt(double tS) { return c.statesAt(tS); }
      public java.util.List<GridLink> gridLinks() { return c.gridLinks(); }
      public java.util.Map<String, Object> describe() { return c.describe(); }
    }.statesOf(subset, t);
    for (int j = 0; j < subset.length; j++) {
      for (int k = 0; k < 3; k++) {
        assertEquals(all.positionsKm()[3 * subset[j] + k], some.positionsKm()[3 * j + k]);
        assertEquals(all.velocitiesKmPerS()[3 * subset[j] + k], some.velocitiesKmPerS()[3 * j + k]);
        assertEquals(all.positionsKm()[3 * subset[j] + k], viaDefault.positionsKm()[3 * j + k]);
      }
    }
  }
}
