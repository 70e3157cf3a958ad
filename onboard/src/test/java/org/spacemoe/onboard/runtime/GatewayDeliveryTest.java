package org.spacemoe.onboard.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.spacemoe.onboard.runtime.RoleHarness.Sent;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.SequenceErrorReason;

/**
 * Role logic under lost, duplicated and late frames and a dead gateway, with a fake outbox and a manual clock
 * ({@link RoleHarness}): every token is produced exactly once and equals the fault-free run, or the sequence fails
 * with a named reason within the give-up time.
 */
class GatewayDeliveryTest {
  private static final int[] PROMPT = {3, 5};
  private static final int NEW = 6;

  private static int[] faultFree() {
    RoleHarness h = new RoleHarness(false);
    h.start(1, PROMPT, NEW);
    h.run();
    return h.tokens();
  }

  @Test
  void faultFreeRunProducesEveryTokenOnceWithNoRetry() {
    RoleHarness h = new RoleHarness(false);
    h.start(1, PROMPT, NEW);
    h.run();
    assertEquals(NEW, h.tokens().length);
    for (long step = PROMPT.length - 1; step < PROMPT.length - 1 + NEW; step++) {
      assertEquals(1, h.resultsFor(step), "one result for step " + step);
    }
    assertTrue(h.telemetry.retriesByKind().isEmpty(), h.telemetry.retriesByKind().toString());
    assertEquals(0, h.telemetry.duplicatesIgnored());
    assertTrue(h.errors.isEmpty());
  }

  @Test
  void duplicateStartIsIgnoredAndRepublishesTheTokensSoFar() {
    RoleHarness h = new RoleHarness(false);
    h.start(1, PROMPT, NEW);
    h.run();
    int before = h.tokenResults.size();
    h.start(1, PROMPT, NEW);
    h.run();
    assertEquals(1, h.telemetry.duplicatesIgnoredByKind().get("START"));
    assertArrayEquals(faultFree(), h.tokens());
    assertEquals(before + NEW, h.tokenResults.size(), "the duplicate start re-published the generated tokens");
    assertEquals(faultFree().length, h.tokens().length);
    assertTrue(h.errors.isEmpty());
  }

  @Test
  void duplicatedRingClosuresNeitherEndGenerationEarlyNorRepeatAStep() {
    RoleHarness h = new RoleHarness(false);
    h.start(1, PROMPT, NEW);
    h.run(s -> false, s -> s.frame().kind() == FrameKind.TOKEN, 10_000);
    assertArrayEquals(faultFree(), h.tokens());
    assertEquals(NEW, h.tokens().length);
    assertTrue(h.telemetry.duplicatesIgnoredByKind().getOrDefault("TOKEN", 0L) >= NEW,
        h.telemetry.duplicatesIgnoredByKind().toString());
  }

  @Test
  void everyFrameDuplicatedStillGivesEachTokenOnce() {
    RoleHarness h = new RoleHarness(false);
    h.start(1, PROMPT, NEW);
    h.run(s -> false, s -> true, 10_000);
    assertArrayEquals(faultFree(), h.tokens());
    for (long step = PROMPT.length - 1; step < PROMPT.length - 1 + NEW; step++) {
      assertEquals(1, h.resultsFor(step), "one result for step " + step);
    }
    assertTrue(h.telemetry.duplicatesIgnoredByKind().getOrDefault("EXPERT_RESPONSE", 0L) > 0);
    assertTrue(h.telemetry.duplicatesIgnoredByKind().getOrDefault("HIDDEN", 0L) > 0);
  }

  @Test
  void aMissingExpertOutputIsAskedForAgain() {
    RoleHarness h = new RoleHarness(false);
    AtomicInteger dropped = new AtomicInteger();
    h.start(1, PROMPT, NEW);
    h.run(s -> RoleHarness.is(s, FrameKind.EXPERT_RESPONSE, "G1") && dropped.getAndIncrement() < 3, s -> false,
        10_000);
    assertEquals(3, dropped.get() >= 3 ? 3 : dropped.get());
    assertTrue(h.telemetry.retriesByKind().getOrDefault("EXPERT_REQUEST", 0L) >= 1, h.telemetry.retriesByKind().toString());
    assertArrayEquals(faultFree(), h.tokens());
  }

  @Test
  void aLateOutputAfterTheReRequestIsADuplicate() {
    RoleHarness h = new RoleHarness(false);
    java.util.List<Sent> held = new java.util.ArrayList<>();
    h.start(1, PROMPT, NEW);
    h.run(s -> {
      if (held.isEmpty() && RoleHarness.is(s, FrameKind.EXPERT_RESPONSE, "G1")) {
        held.add(s); // delayed past the re-request
        return true;
      }
      return false;
    }, s -> false, 10_000);
    held.forEach(h::deliver);
    assertEquals(1, h.telemetry.duplicatesIgnoredByKind().get("EXPERT_RESPONSE"));
    assertArrayEquals(faultFree(), h.tokens());
  }

  @Test
  void lostHiddenStatesRingClosuresAndAcknowledgementsAreSentAgain() {
    RoleHarness h = new RoleHarness(false);
    java.util.Map<FrameKind, AtomicInteger> n = new java.util.EnumMap<>(FrameKind.class);
    h.start(1, PROMPT, NEW);
    h.run(s -> {
      FrameKind k = s.frame().kind();
      boolean lossy = k == FrameKind.HIDDEN || k == FrameKind.TOKEN || k == FrameKind.ACK;
      return lossy && n.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet() % 3 == 1;
    }, s -> false, 10_000);
    assertArrayEquals(faultFree(), h.tokens());
    assertTrue(h.telemetry.retriesByKind().getOrDefault("HIDDEN", 0L) >= 1, h.telemetry.retriesByKind().toString());
    assertTrue(h.telemetry.retriesByKind().getOrDefault("TOKEN", 0L) >= 1, h.telemetry.retriesByKind().toString());
    assertTrue(h.errors.isEmpty(), h.errors.toString());
    for (long step = PROMPT.length - 1; step < PROMPT.length - 1 + NEW; step++) {
      assertEquals(1, h.resultsFor(step), "one result for step " + step);
    }
  }

  @Test
  void theStandbyTakesOverFromADeadGatewayAndRebuildsItsCache() {
    RoleHarness h = new RoleHarness(true);
    h.start(1, PROMPT, NEW);
    AtomicInteger results = new AtomicInteger();
    // G1 dies once two tokens are out: nothing reaches it any more
    h.run(s -> {
      if (h.tokenResults.size() >= 2) {
        h.dead.add("G1");
      }
      return false;
    }, s -> false, 10_000);
    assertArrayEquals(faultFree(), h.tokens());
    assertTrue(h.telemetry.gatewayFailovers() >= 1);
    assertTrue(h.telemetry.rebuiltSteps() >= PROMPT.length, "steps rebuilt: " + h.telemetry.rebuiltSteps());
    assertTrue(h.errors.isEmpty(), h.errors.toString());
    assertEquals(0, results.get());
  }

  @Test
  void withoutAStandbyADeadGatewayFailsTheSequenceWithItsReasonWithinTheGiveUpTime() {
    RoleHarness h = new RoleHarness(false);
    long t0 = h.clock.nanoTime();
    h.start(1, PROMPT, NEW);
    h.run(s -> {
      if (h.tokenResults.size() >= 2) {
        h.dead.add("G2");
      }
      return false;
    }, s -> false, 10_000);
    assertEquals(1, h.errors.size(), h.errors.toString());
    assertEquals(SequenceErrorReason.GATEWAY_UNREACHABLE, h.errors.get(0).reason());
    assertEquals("G1", h.errors.get(0).satellite());
    assertTrue(h.clock.nanoTime() - t0 <= 2 * h.deadlines.giveUpNanos());
    assertTrue(h.tokens().length < NEW, "generation stopped at the dead gateway");
    assertEquals(1, h.telemetry.sequenceFailures().get("GATEWAY_UNREACHABLE"));
    assertTrue(h.telemetry.sequenceFailures().get("DEADLINE_EXCEEDED") == null, "the entry ended it on the END");
  }

  @Test
  void aRestartedGatewayWithoutStateCatchesUpFromTheHistory() {
    RoleHarness h = new RoleHarness(false);
    h.start(1, PROMPT, NEW);
    h.run(s -> false, s -> false, 10_000);
    RoleHarness fresh = new RoleHarness(false);
    // run the same sequence, and make G2 lose its state midway by evicting through many other sequences is
    // not possible with one; instead drop single-row hidden states to G2 after two tokens until a history arrives
    fresh.start(1, PROMPT, NEW);
    fresh.run(s -> RoleHarness.is(s, FrameKind.HIDDEN, "G2") && fresh.tokenResults.size() == 2
        && s.frame().rows() == 1, s -> false, 10_000);
    assertArrayEquals(h.tokens(), fresh.tokens());
  }

  @Test
  void aStartBeyondMaxContextIsRefusedWithItsReason() {
    RoleHarness h = new RoleHarness(false);
    h.start(7, new int[] {1, 2, 3}, 62);
    h.run();
    assertEquals(1, h.errors.size());
    assertEquals(SequenceErrorReason.CONTEXT_TOO_LONG, h.errors.get(0).reason());
    assertEquals(0, h.tokens().length);
  }
}
