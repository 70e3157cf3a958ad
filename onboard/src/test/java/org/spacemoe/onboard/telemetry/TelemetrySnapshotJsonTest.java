package org.spacemoe.onboard.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.plan.PlanJson;

/** {@code GET /telemetry} as a bench reads it: empty maps and a null status may be left out, counters may not. */
class TelemetrySnapshotJsonTest {
  @Test
  void emptyMapsAndStatusMayBeAbsent() throws Exception {
    TelemetrySnapshot t = PlanJson.mapper().readValue("""
        {"hops":3,"computeMs":1.5,"linkMs":2,"queueMs":0,"framesReceived":4,"framesSent":5,"expertFailovers":0,
         "duplicatesIgnored":0,"drops":{"LATE":1}}""", TelemetrySnapshot.class);
    assertEquals(3, t.hops());
    assertEquals(Map.of("LATE", 1L), t.drops());
    assertEquals(Map.of(), t.perLayer());
    assertEquals(Map.of(), t.commandRefusals());
    assertNull(t.status());
  }

  @Test
  void aMissingCounterIsNamed() {
    MismatchedInputException e = assertThrows(MismatchedInputException.class, () -> PlanJson.mapper().readValue("""
        {"hops":3,"computeMs":1.5,"linkMs":2,"queueMs":0,"framesReceived":4,"expertFailovers":0,
         "duplicatesIgnored":0}""", TelemetrySnapshot.class));
    assertTrue(e.getMessage().contains("framesSent"), e.getMessage());
  }
}
