package org.spacemoe.onboard.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.SequenceError;
import org.spacemoe.shared.frame.SequenceErrorReason;

/**
 * The roles' part of a graceful stop ({@link RoleHarness}: fake outbox, manual clock): a stopping entry refuses new
 * sequences with {@code DRAINING} on their error topic, still answers a duplicate start, lets running sequences
 * finish, and when the drain time is over fails every sequence still held with {@code DRAINING}, releasing its
 * state on every gateway.
 */
class StopDrainRolesTest {
  private static final int[] PROMPT = {3, 5};

  @Test
  void aStoppingEntryRefusesNewSequencesWithDrainingAndFinishesTheRunningOne() {
    RoleHarness h = new RoleHarness(false);
    h.start(1, PROMPT, 4);
    deliverUntilHidden(h, 1); // sequence 1 under way
    assertTrue(h.sequencesHeld() > 0, "sequence 1 is in flight");
    h.stopping.set(true);

    h.start(2, PROMPT, 4);
    h.run();

    List<SequenceError> refused = h.errors.stream().filter(e -> e.sequenceId() == 2).toList();
    assertEquals(1, refused.size(), h.errors.toString());
    assertEquals(SequenceErrorReason.DRAINING, refused.get(0).reason());
    assertEquals("G0 is stopping: no new sequences", refused.get(0).detail());
    assertEquals(1, h.telemetry.dropCount(DropReason.DRAINING));
    assertEquals(4, h.tokens().length, "sequence 1 finished while draining");
    assertTrue(h.errors.stream().noneMatch(e -> e.sequenceId() == 1), h.errors.toString());
    assertEquals(0, h.sequencesHeld());
  }

  /** Delivers frames one at a time until {@code n} hidden states were sent between gateways. */
  private static void deliverUntilHidden(RoleHarness h, int n) {
    for (int i = 0; i < 1_000 && h.sentByKind.getOrDefault(FrameKind.HIDDEN.name(), 0) < n; i++) {
      RoleHarness.Sent s = h.inFlight.poll();
      if (s == null) {
        break;
      }
      h.deliver(s);
    }
  }

  @Test
  void aDuplicateStartWhileStoppingStillRepublishesTheTokens() {
    RoleHarness h = new RoleHarness(false);
    h.start(1, PROMPT, 3);
    h.run();
    int before = h.tokenResults.size();
    h.stopping.set(true);
    h.start(1, PROMPT, 3);
    h.run();
    assertEquals(before + 3, h.tokenResults.size());
    assertTrue(h.errors.isEmpty(), h.errors.toString());
  }

  @Test
  void whenTheDrainTimeIsOverEverySequenceStillHeldFailsWithDraining() {
    RoleHarness h = new RoleHarness(false);
    h.start(1, PROMPT, 50);
    h.start(2, PROMPT, 50);
    deliverUntilHidden(h, 4); // both sequences hold state past the entry
    h.stopping.set(true);
    assertTrue(h.sequencesHeld() >= 2, "held: " + h.sequencesHeld());

    h.failHeld("stop drain over");
    h.run();

    for (long seq : new long[] {1, 2}) {
      List<SequenceErrorReason> reasons = h.errors.stream().filter(e -> e.sequenceId() == seq)
          .map(SequenceError::reason).distinct().toList();
      assertEquals(List.of(SequenceErrorReason.DRAINING), reasons, "sequence " + seq + ": " + h.errors);
    }
    assertEquals(0, h.sequencesHeld(), "every gateway released the failed sequences");
    assertTrue(h.tokens().length < 50);
    assertArrayEquals(new long[0], h.errors.stream().filter(e -> e.reason() != SequenceErrorReason.DRAINING)
        .mapToLong(SequenceError::sequenceId).toArray());
  }
}
