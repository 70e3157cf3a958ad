package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.faults.FaultSpec;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.PlanJson;

/**
 * {@code hil bench --faults} on the tiny preset with the embedded broker: lost and duplicated frames and a killed
 * gateway (with its standby) lose no token and change none; the faults section lists what was injected and what
 * the nodes did about it.
 */
class FaultHarnessTest {
  @Test
  @Timeout(240)
  void linkLossAndDuplicationAreReported(@TempDir Path dir) throws Exception {
    BenchOptions o = TinyBench.options(dir, "embedded", 6, 0.05);
    BenchReport r = BenchRunner.run(o, FaultSpec.parseAll("loss:0.05,dup:0.05"), n -> { });
    FaultsReport f = r.faults();
    assertNotNull(f);
    String summary = PlanJson.mapper().writeValueAsString(f);
    assertEquals(List.of("loss:0.05", "dup:0.05"), f.injected().stream().map(FaultsReport.Injection::spec).toList());
    assertTrue(f.injected().stream().allMatch(i -> "injected".equals(i.outcome()) && i.atS() == 0), summary);
    assertEquals(6, f.tokensRequested());
    int failed = f.tokensFailedWithReason().values().stream().mapToInt(Integer::intValue).sum();
    assertEquals(6, f.tokensCompleted() + failed + f.tokensLost(), summary);
    assertEquals(r.tokens(), f.tokensCompleted(), summary);
    assertTrue(r.matchesReference(), summary);
    assertEquals(6, f.tokensIdenticalToReference(), summary);
    assertEquals(0, f.tokensLost(), summary);
    assertTrue(f.tokensFailedWithReason().isEmpty(), summary);
    assertTrue(f.duplicatesIgnored() > 0, "5% duplicated frames are ignored onboard: " + summary);
    assertTrue(f.recovery().retriesByKind().values().stream().mapToLong(Long::longValue).sum() > 0,
        "5% lost frames are sent again: " + summary);
    assertTrue(f.maxStallS() > 0 || f.tokensCompleted() == 0, summary);
    assertTrue(f.heapAfterGcStartMiB() > 0 && f.heapAfterGcEndMiB() > 0, summary);
    assertEquals(1, f.runtimes(), summary);
    assertTrue(f.stallIntervalS() >= 2.0, summary);
    // the JSON carries the section
    assertTrue(PlanJson.mapper().writeValueAsString(r).contains("\"faults\""));
  }

  @Test
  @Timeout(240)
  void killedGatewayRunsInItsOwnRuntimeAndIsRecorded(@TempDir Path dir) throws Exception {
    BenchOptions o = TinyBench.options(dir, "embedded", 4, 0.05);
    BenchReport r = BenchRunner.run(o, FaultSpec.parseAll("kill:gateway-of-layer-1@0ms"), n -> { });
    FaultsReport f = r.faults();
    String summary = PlanJson.mapper().writeValueAsString(f);
    assertEquals(2, f.runtimes(), summary);
    assertEquals("injected", f.injected().get(0).outcome(), summary);
    assertTrue(r.matchesReference(), "the standby takes over: " + summary);
    assertEquals(4, f.tokensCompleted(), summary);
    assertTrue(f.recovery().gatewayFailovers() > 0, summary);
    // killed before the first token: the standby starts the sequence itself (rebuilding from history is covered by
    // GatewayDeliveryTest and the bench's kill scenario mid-run)
    assertTrue(f.nodeRestarts().isEmpty(), "a killed node is not restarted: " + summary);
  }

  @Test
  void plainRunHasNoFaultsSection() {
    BenchReport r = new BenchReport(0, false, new int[0], new int[0], 0, 0, null, 0, 0, 0, 0, 0, 0, null, null, null,
        null, List.of(), List.of(), null);
    assertNull(r.faults());
    assertTrue(!toJson(r).contains("faults"));
  }

  @Test
  void badTargetsAreRefused(@TempDir Path dir) {
    BenchOptions o = TinyBench.options(dir, "embedded", 2, 0.05);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> BenchRunner.run(o, FaultSpec.parseAll("kill:gateway-of-layer-99@1s"), n -> { }));
    assertTrue(e.getMessage().startsWith("--faults: "), e.getMessage());
    BenchOptions ext = TinyBench.options(dir, "tcp://127.0.0.1:1", 2, 0.05);
    e = assertThrows(InvalidInputException.class,
        () -> BenchRunner.run(ext, FaultSpec.parseAll("broker-down:1s@1s"), n -> { }));
    assertTrue(e.getMessage().contains("broker-down"), e.getMessage());
  }

  private static String toJson(Object o) {
    try {
      return PlanJson.mapper().writeValueAsString(o);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
