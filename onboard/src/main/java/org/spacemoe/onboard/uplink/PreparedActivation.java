package org.spacemoe.onboard.uplink;

import java.util.function.LongSupplier;

/**
 * The node's side of two-phase activation: which staged plan version, if any, is prepared (its shards loaded and
 * held) and until when. At most one version is prepared at a time; a new PREPARE replaces the previous one.
 *
 * <p>Invariants: preparing never changes the plan store or the active plan; a prepare lasts {@code timeoutMs}
 * milliseconds (monotonic clock) unless committed or aborted first; it lives in memory only, so a restarted node has
 * nothing prepared and refuses COMMIT ({@code NOT_PREPARED}), and the ground then aborts. Thread-safe.
 */
public final class PreparedActivation {
  /** Default time a prepare is held without COMMIT or ABORT, milliseconds. */
  public static final long DEFAULT_TIMEOUT_MS = 60_000;

  private final long timeoutMs;
  private final LongSupplier nanoClock;
  private long version;
  private long deadlineNanos;

  /**
   * @param timeoutMs how long a prepare is held, milliseconds, >= 1
   * @param nanoClock monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public PreparedActivation(long timeoutMs, LongSupplier nanoClock) {
    if (timeoutMs < 1) {
      throw new IllegalArgumentException("prepare-timeout-ms must be >= 1, got " + timeoutMs);
    }
    this.timeoutMs = timeoutMs;
    this.nanoClock = nanoClock;
  }

  /** Holds {@code version} (>= 1) as prepared for {@code timeoutMs} from now, replacing any earlier prepare. */
  public synchronized void prepare(long version) {
    if (version < 1) {
      throw new IllegalArgumentException("prepare: version must be >= 1, got " + version);
    }
    this.version = version;
    this.deadlineNanos = nanoClock.getAsLong() + timeoutMs * 1_000_000L;
  }

  /** The prepared version, or 0 when none is (never prepared, released, or timed out). */
  public synchronized long prepared() {
    if (version != 0 && nanoClock.getAsLong() - deadlineNanos >= 0) {
      version = 0;
    }
    return version;
  }

  /**
   * Takes the prepare of {@code version} for a COMMIT: true (and nothing is prepared afterwards) if {@code version}
   * is prepared and not timed out, false otherwise.
   */
  public synchronized boolean take(long version) {
    if (version < 1 || prepared() != version) {
      return false;
    }
    this.version = 0;
    return true;
  }

  /** Releases the prepare of {@code version}, if it is the prepared one; true if something was released. */
  public synchronized boolean release(long version) {
    if (version < 1 || prepared() != version) {
      return false;
    }
    this.version = 0;
    return true;
  }

  /** How long a prepare is held, milliseconds. */
  public long timeoutMs() {
    return timeoutMs;
  }
}
