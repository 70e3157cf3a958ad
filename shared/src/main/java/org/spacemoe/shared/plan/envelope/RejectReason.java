package org.spacemoe.shared.plan.envelope;

/**
 * Why a satellite refuses a plan, an uplink or a command, as reported to the ground in a status report. The first
 * four come from {@link PlanVerifier} (and, for a signed command, from its envelope check); the others are for the
 * onboard plan store, the uplink engine and commands.
 */
public enum RejectReason {
  /** The envelope's key id names no key the satellite trusts. */
  UNKNOWN_KEY,
  /** The Ed25519 signature does not verify over the payload and rollback flag (tampered, or wrong key). */
  BAD_SIGNATURE,
  /** The envelope is not a valid signed-plan document (JSON, format, version, algorithm, base64, missing field). */
  MALFORMED_ENVELOPE,
  /** The signature is good but the payload is not a valid placement plan. */
  MALFORMED_PLAN,
  /** The plan version is not newer than the active one, and the envelope is not a signed rollback. */
  STALE_VERSION,
  /** The plan is for another constellation than the one this satellite belongs to. */
  WRONG_CONSTELLATION,
  /** The plan's model identity differs from the model this satellite runs or holds shards of. */
  WRONG_MODEL,
  /** A shard's SHA-256 differs from the plan's digest (or the offer's digest from the plan's). */
  DIGEST_MISMATCH,
  /** The plan is self-inconsistent (unknown satellite, missing gateway, layer numbering, expert count...). */
  SEMANTIC,
  /** A shard could not be loaded into the runtime (ONNX Runtime refused it, wrong inputs or outputs). */
  SHARD_LOAD,
  /** The shards this satellite must hold do not fit its memory or storage. */
  MEMORY,
  /** The transfer failed: bad or inconsistent offer, chunks that cannot be stored, timeout, disk error. */
  TRANSFER,
  /** A signed command names another satellite as its target. */
  WRONG_TARGET,
  /** A signed command's counter is not above the last one this satellite accepted for its (key, target). */
  REPLAYED,
  /** A ROLLBACK names a version the satellite does not hold (neither its previous nor a staged older plan). */
  NOT_HELD,
  /** A key command cannot be applied: not an Ed25519 key, a revoked key added again, or the last key revoked. */
  KEY_CHANGE,
  /**
   * COMMIT of a version this satellite has not prepared: never prepared, aborted, its prepare timed out, or the node
   * restarted since (a prepare is not kept across restarts).
   */
  NOT_PREPARED
}
