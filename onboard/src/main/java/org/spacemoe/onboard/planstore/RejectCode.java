package org.spacemoe.onboard.planstore;

/**
 * Why a plan was not staged. The names are those of the signed-plan envelope's {@code RejectReason}
 * ({@code org.spacemoe.shared.plan.envelope}), one for one, so the two can be bridged by name.
 */
public enum RejectCode {
  /** The envelope names a key this node does not know. */
  UNKNOWN_KEY,
  /** The signature does not verify over the payload bytes. */
  BAD_SIGNATURE,
  /** The envelope is not well formed (JSON, base64, fields). */
  MALFORMED_ENVELOPE,
  /** The payload is not a valid placement plan. */
  MALFORMED_PLAN,
  /** The plan is not newer than the active one and the envelope does not say rollback. */
  STALE_VERSION,
  /** The plan is for another constellation, or this node's satellites are not in it. */
  WRONG_CONSTELLATION,
  /** The plan (or the model manifest) is for another model. */
  WRONG_MODEL,
  /** A shard's SHA-256 differs from the plan's digest or the model manifest's. */
  DIGEST_MISMATCH,
  /** A layer or expert is not placed, or placed on a satellite outside the constellation. */
  SEMANTIC,
  /** A shard does not load in ONNX Runtime. */
  SHARD_LOAD,
  /** The shards a satellite must hold do not fit its device memory. */
  MEMORY,
  /** A file the plan needs did not arrive (a shard, the manifest) or could not be stored. */
  TRANSFER
}
