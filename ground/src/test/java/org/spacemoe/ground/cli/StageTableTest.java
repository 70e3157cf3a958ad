package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.ops.uplink.UplinkSession.SatelliteState;
import org.spacemoe.shared.uplink.UplinkStage;

class StageTableTest {
  private static SatelliteState at(UplinkStage stage, long active) {
    return new SatelliteState(stage, null, null, active, 0);
  }

  @Test
  void oneVersionEverywhereSaysSo() {
    assertEquals("now on v2: every satellite",
        StageTable.versionsNow(Map.of("p00s00", at(UplinkStage.ACTIVE, 2), "p00s01", at(UplinkStage.ACTIVE, 2))));
  }

  @Test
  void mixedVersionsNameTheSatellitesNewestFirstAndTheSilentOnesLast() {
    Map<String, SatelliteState> m = new LinkedHashMap<>();
    m.put("p00s00", at(UplinkStage.STAGED, 1));
    m.put("p00s01", at(UplinkStage.SENT, 0));
    m.put("p00s02", at(UplinkStage.ACTIVE, 2));
    assertEquals("now on v2: p00s02; v1: p00s00; no answer: p00s01", StageTable.versionsNow(m));
  }

  @Test
  void manySatellitesAreCounted() {
    Map<String, SatelliteState> m = new LinkedHashMap<>();
    for (int i = 0; i < 6; i++) {
      m.put("p00s0" + i, at(UplinkStage.ACTIVE, 3));
    }
    m.put("p01s00", at(UplinkStage.REJECTED, 0));
    assertEquals("now on v3: 6 satellites; no plan: p01s00", StageTable.versionsNow(m));
  }
}
