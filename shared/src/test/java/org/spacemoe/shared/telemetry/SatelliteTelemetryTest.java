package org.spacemoe.shared.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SatelliteTelemetryTest {
  private static SatelliteTelemetry with(Map<String, Long> drops) {
    return new SatelliteTelemetry("p00s00", 1L, 1, 0, "UP", null, drops, Map.of(), 0, 0);
  }

  @Test
  void eachDroppedFrameCountsOnceThoughItsReasonIsBrokenDown() {
    Map<String, Long> drops = new TreeMap<>(Map.of("MALFORMED", 3L, "MALFORMED:TRUNCATED", 2L,
        "MALFORMED:BAD_MAGIC", 1L, "EXPERT_TIMEOUT", 4L));
    assertEquals(7, with(drops).droppedTotal());
  }

  @Test
  void noDropsIsZero() {
    assertEquals(0, with(null).droppedTotal());
    assertEquals(0, with(Map.of()).droppedTotal());
  }
}
