package org.spacemoe.onboard.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PreparedActivationTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final PreparedActivation p = new PreparedActivation(500, nanos::get);

  @Test
  void nothingPreparedAtStartSoCommitIsRefused() {
    assertEquals(0, p.prepared());
    assertFalse(p.take(3));
  }

  @Test
  void commitTakesThePrepareOnce() {
    p.prepare(3);
    assertEquals(3, p.prepared());
    assertFalse(p.take(4), "another version is not prepared");
    assertTrue(p.take(3));
    assertFalse(p.take(3), "a prepare is taken once");
    assertEquals(0, p.prepared());
  }

  @Test
  void abortReleasesOnlyThePreparedVersion() {
    p.prepare(3);
    assertFalse(p.release(2));
    assertEquals(3, p.prepared());
    assertTrue(p.release(3));
    assertFalse(p.take(3), "commit after abort is refused");
  }

  @Test
  void prepareTimesOut() {
    p.prepare(3);
    nanos.addAndGet(499_999_999L);
    assertEquals(3, p.prepared());
    nanos.addAndGet(1);
    assertEquals(0, p.prepared());
    assertFalse(p.take(3), "commit after the prepare timed out is refused");
  }

  @Test
  void aNewPrepareReplacesTheOldAndRestartsTheClock() {
    p.prepare(3);
    nanos.addAndGet(400_000_000L);
    p.prepare(4);
    nanos.addAndGet(400_000_000L);
    assertFalse(p.take(3));
    assertTrue(p.take(4));
  }

  @Test
  void badInputIsAClearError() {
    assertEquals("prepare-timeout-ms must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new PreparedActivation(0, nanos::get)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.prepare(0));
    assertFalse(p.release(0));
  }
}
