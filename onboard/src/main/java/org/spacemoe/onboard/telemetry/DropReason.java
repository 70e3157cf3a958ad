package org.spacemoe.onboard.telemetry;

/** Why a node dropped a frame or failed a token; each is a counter in telemetry. */
public enum DropReason {
  /** The frame did not decode (the frame error is counted separately). */
  MALFORMED,
  /** Frame for another plan version than the active one. */
  WRONG_PLAN_VERSION,
  /** Layer or expert this node does not serve. */
  UNKNOWN_ROLE,
  /** Frame for a satellite this process does not host. */
  UNKNOWN_SATELLITE,
  /** Expert response for a token the gateway is no longer waiting for. */
  UNEXPECTED_RESPONSE,
  /** Send queue full. */
  SEND_QUEUE_FULL,
  /** The broker refused or lost a publish (PUBACK reason code >= 0x80 or a client error). */
  PUBLISH_FAILED,
  /** A gateway's experts did not answer in time (on any copy); the token failed. */
  EXPERT_TIMEOUT,
  /** A shard failed at run time. */
  EXECUTION_FAILED,
  /** A hidden state whose token step does not follow the gateway's KV cache (duplicate, reordered, evicted). */
  STEP_MISMATCH,
  /** A sequence start that is not one (no prompt, no token count): refused with an error on its topic. */
  BAD_START,
  /** A sequence start whose prompt plus tokens to generate exceed {@code max-context}: refused with an error. */
  CONTEXT_TOO_LONG,
  /** A gateway evicted a sequence's KV cache (or the entry its prompt state) to stay within its bound. */
  SEQUENCE_EVICTED,
  /**
   * A shard run went past its deadline ({@code run-deadline-min-ms}, or {@code run-deadline-factor} times its
   * nominal compute time if longer): the run was asked to abort and the node marked itself DOWN (hung) until a
   * restart. Counted once per run.
   */
  RUN_DEADLINE,
  /**
   * A frame arrived while its satellite's serial queue already held {@code max-queued-frames} frames waiting to
   * run; it was refused (timers and retries of the roles are never refused).
   */
  QUEUE_FULL,
  /**
   * A frame to another satellite that the link emulator lost on purpose ({@code link-loss}, bench fault
   * injection; see {@link org.spacemoe.onboard.link.LinkFaults}): never sent.
   */
  LINK_LOSS_INJECTED,
  /**
   * A sequence start that arrived while the node was stopping (SIGTERM): refused with a {@code DRAINING} error on
   * the sequence's error topic.
   */
  DRAINING,
  /**
   * ISL mesh: a frame whose destination no route reached any more (every link towards it down); the senders' retries
   * and fail-overs take over.
   */
  NO_ROUTE
}
