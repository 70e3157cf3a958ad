package org.spacemoe.ground.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.telemetry.SatelliteTelemetry;
import org.spacemoe.shared.uplink.StatusReport;
import org.spacemoe.shared.uplink.UplinkStage;

class SatelliteStatusTest {
  private static SatelliteTelemetry heartbeat(long atMs, long active, long staged) {
    return new SatelliteTelemetry("p00s01", atMs, active, staged, "UP", null, Map.of(), Map.of(), 0, 0);
  }

  private static StatusReport activated(long atMs, long version, long previous) {
    return StatusReport.of("p00s01", 0, version, UplinkStage.ACTIVE, null, null, Map.of(), "c1", version, previous,
        atMs);
  }

  @Test
  void aStageReportNewerThanTheHeartbeatGivesTheVersions() {
    SatelliteStatus s = SatelliteStatus.merge(Map.of("p00s01", heartbeat(1_000, 1, 2)),
        Map.of("p00s01", activated(2_000, 2, 1))).get(0);
    assertEquals(2, s.activePlanVersion());
    assertEquals(1, s.stagedPlanVersion());
    assertEquals("ACTIVE", s.lastUplinkStage());
  }

  @Test
  void aHeartbeatNewerThanTheStageReportGivesTheVersions() {
    SatelliteStatus s = SatelliteStatus.merge(Map.of("p00s01", heartbeat(3_000, 1, 0)),
        Map.of("p00s01", activated(2_000, 2, 1))).get(0);
    assertEquals(1, s.activePlanVersion(), "rolled back after the report");
    assertEquals(0, s.stagedPlanVersion());
  }

  @Test
  void eitherAloneIsEnoughAndNamesAreSorted() {
    List<SatelliteStatus> all = SatelliteStatus.merge(
        Map.of("p00s02", new SatelliteTelemetry("p00s02", 5, 3, 0, "UP", null, Map.of(), Map.of(), 0, 0)),
        Map.of("p00s01", activated(2_000, 2, 1)));
    assertEquals(List.of("p00s01", "p00s02"), all.stream().map(SatelliteStatus::satellite).toList());
    assertEquals(2, all.get(0).activePlanVersion());
    assertEquals(3, all.get(1).activePlanVersion());
  }
}
