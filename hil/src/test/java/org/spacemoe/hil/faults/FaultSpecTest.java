package org.spacemoe.hil.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spacemoe.shared.input.InvalidInputException;

class FaultSpecTest {
  @Test
  void parsesTheMeshFaults() {
    List<FaultSpec> f = FaultSpec.parseAll("link-down:p16s00-p15s00@10s,isl-broker-down:p15s09:5s@8s");
    assertEquals(FaultSpec.Kind.LINK_DOWN, f.get(0).kind());
    assertEquals("p16s00", f.get(0).satellite());
    assertEquals("p15s00", f.get(0).peer());
    assertEquals(10_000, f.get(0).atMs());
    assertTrue(f.get(0).kind().timed());
    assertEquals(FaultSpec.Kind.ISL_BROKER_DOWN, f.get(1).kind());
    assertEquals("p15s09", f.get(1).satellite());
    assertEquals(5_000, f.get(1).durationMs());
    assertEquals(8_000, f.get(1).atMs());
  }

  @ParameterizedTest
  @ValueSource(strings = {"link-down:a@1s", "link-down:a-b-c@1s", "link-down:a-a@1s", "link-down:a-b", "link-down:-b@1s",
      "isl-broker-down:a@1s", "isl-broker-down:a:0s@1s", "isl-broker-down::5s@1s"})
  void badMeshFaultsNameTheFlag(String spec) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> FaultSpec.parseAll(spec));
    assertEquals("--faults", e.input());
    assertTrue(e.getMessage().contains(spec), e.getMessage());
  }

  @Test
  void parsesEveryForm() {
    List<FaultSpec> f = FaultSpec.parseAll(
        "broker-down:5s@1.5s,loss:0.05,dup:0.1,reorder:0,kill:gateway-of-layer-1@500ms,kill:sat-3@1m,hang:S_2@2s");
    assertEquals(7, f.size());
    FaultSpec down = f.get(0);
    assertEquals(FaultSpec.Kind.BROKER_DOWN, down.kind());
    assertEquals(5000, down.durationMs());
    assertEquals(1500, down.atMs());
    assertEquals("broker-down:5s@1.5s", down.text());
    assertEquals(FaultSpec.Kind.LOSS, f.get(1).kind());
    assertEquals(0.05, f.get(1).probability());
    assertEquals(-1, f.get(1).atMs());
    assertEquals(0.1, f.get(2).probability());
    assertEquals(FaultSpec.Kind.REORDER, f.get(3).kind());
    FaultSpec gw = f.get(4);
    assertEquals(FaultSpec.Kind.KILL, gw.kind());
    assertEquals(1, gw.gatewayOfLayer());
    assertNull(gw.satellite());
    assertEquals(500, gw.atMs());
    assertEquals("sat-3", f.get(5).satellite());
    assertEquals(60_000, f.get(5).atMs());
    assertEquals(-1, f.get(5).gatewayOfLayer());
    assertEquals(FaultSpec.Kind.HANG, f.get(6).kind());
    assertEquals("S_2", f.get(6).satellite());
    assertTrue(f.get(6).kind().timed());
    assertEquals("sat-9", gw.withSatellite("sat-9").satellite());
    FaultSpec hangGw = FaultSpec.parse("hang:gateway-of-layer-3@2s");
    assertEquals(FaultSpec.Kind.HANG, hangGw.kind());
    assertEquals(3, hangGw.gatewayOfLayer());
    assertNull(hangGw.satellite());
  }

  @Test
  void timesInEveryUnit() {
    assertEquals(500, FaultSpec.millis("x", "500ms"));
    assertEquals(1500, FaultSpec.millis("x", "1.5s"));
    assertEquals(60_000, FaultSpec.millis("x", "1m"));
    assertEquals(0, FaultSpec.millis("x", "0s"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"loss:1", "loss:1.0", "loss:-0.1", "loss:abc", "loss:NaN", "loss", "dup:", "reorder:0.5x",
      "broker-down:5s", "broker-down:5@1s", "broker-down:0s@1s", "broker-down:5s@", "broker-down:5s@-1s",
      "kill:sat", "kill:@1s", "kill:gateway-of-layer-x@1s", "hang:gateway-of-layer-y@1s", "kill:a/b@1s",
      "explode:1s", "", "loss:0.1,loss:0.2", "loss:0.1,", "kill:sat@5", "kill:sat@5h"})
  void badSpecsNameTheItemAndTheForms(String spec) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> FaultSpec.parseAll(spec));
    assertEquals("--faults", e.input());
    assertTrue(e.getMessage().startsWith("--faults: "), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    if (!spec.isEmpty()) {
      assertTrue(e.getMessage().contains("accepted: ") || e.getMessage().contains("twice"), e.getMessage());
    }
  }
}
