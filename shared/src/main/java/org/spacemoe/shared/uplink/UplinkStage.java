package org.spacemoe.shared.uplink;

/**
 * Where an uplink to one satellite stands. The ground sets QUEUED and SENT itself; a satellite reports the
 * others in {@link StatusReport}s (and SENT while chunks are still missing).
 */
public enum UplinkStage {
  /** Ground: the transfer is planned and waiting to be published. */
  QUEUED,
  /**
   * Ground: the offer and every chunk were published and acknowledged by the broker. Satellite: the offer
   * arrived and chunks are still missing (the report lists them, for resume).
   */
  SENT,
  /** Satellite: every chunk is stored and every shard's whole-file SHA-256 matches the offer. */
  RECEIVED,
  /** Satellite: the plan's signature, version, identity and shard digests checked out. */
  VERIFIED,
  /** Satellite: plan and shards are loaded into the inactive slot, ready to activate. */
  STAGED,
  /**
   * Satellite: answer to PREPARE; this staged plan version's shards are loaded and held, ready for COMMIT (the
   * active plan still runs tokens).
   */
  PREPARED,
  /** Satellite: this plan version is the one running tokens. */
  ACTIVE,
  /** Satellite: the transfer or plan is refused; the report carries the reason code. */
  REJECTED
}
