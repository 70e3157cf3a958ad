package org.spacemoe.onboard.runtime;

import org.spacemoe.onboard.telemetry.DropReason;

/**
 * What handling one inbound frame came to: handled (with the compute time it took, ns), dropped with a reason, or
 * ignored as a duplicate of a frame already applied. {@link FrameDispatcher} counts each: a hop, a drop by reason,
 * a duplicate by kind.
 */
sealed interface Outcome {
  /** Applied; {@code computeNanos} is the role's own work on it. */
  record Handled(long computeNanos) implements Outcome {}

  /** Not applied, for {@code reason}. */
  record Dropped(DropReason reason) implements Outcome {}

  /** Already applied once; {@code what} names the frame kind or role. */
  record Duplicate(String what) implements Outcome {}

  static Outcome handled(long computeNanos) {
    return new Handled(computeNanos);
  }

  static Outcome dropped(DropReason reason) {
    return new Dropped(reason);
  }

  static Outcome duplicate(String what) {
    return new Duplicate(what);
  }
}
