package org.spacemoe.shared.frame;

import java.util.Optional;

/** Why a sequence failed, with its stable one-byte wire code (sequence error offset 5). */
public enum SequenceErrorReason {
  /** No expert of a layer answered in time, replicas and fail-over included. */
  EXPERT_TIMEOUT(1),
  /** The next gateway never acknowledged a frame, after every retry and fail-over. */
  GATEWAY_UNREACHABLE(2),
  /** A generated token could not be delivered back to the entry gateway. */
  TOKEN_UNDELIVERED(3),
  /** Prompt plus generated tokens outgrew the model's context window. */
  CONTEXT_TOO_LONG(4),
  /** The sequence start was refused (not a valid start, or for another plan). */
  BAD_START(5),
  /** The sequence's state was evicted (capacity, idle time) before it finished. */
  SEQUENCE_EVICTED(6),
  /** A shard failed while computing the sequence's token. */
  EXECUTION_FAILED(7),
  /** The sequence did not finish before its deadline. */
  DEADLINE_EXCEEDED(8),
  /**
   * The satellite is stopping (SIGTERM, {@code systemctl stop}): it refuses new sequences, and a sequence it still
   * held when its {@code stop-drain-ms} ran out fails with this reason.
   */
  DRAINING(9),
  /** A tensor-parallel share of a layer's attention or of the LM head did not answer within the give-up time. */
  PART_TIMEOUT(10);

  private final int code;

  SequenceErrorReason(int code) {
    this.code = code;
  }

  /** The wire code, 1..10; never reused for another reason. */
  public int code() {
    return code;
  }

  /** The reason with this wire code, or empty when no reason has it. */
  public static Optional<SequenceErrorReason> fromCode(int code) {
    for (SequenceErrorReason r : values()) {
      if (r.code == code) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
