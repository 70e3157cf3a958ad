package org.spacemoe.hil;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/** Bounded polling: every wait in these tests has a timeout. */
public final class Await {
  private Await() {}

  /** Polls {@code condition} every 10 ms until it holds, or fails after {@code timeout} with {@code state}. */
  public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionFailedError("not reached within " + timeout + ": " + state.get());
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionFailedError("interrupted while waiting: " + state.get());
      }
    }
  }
}
