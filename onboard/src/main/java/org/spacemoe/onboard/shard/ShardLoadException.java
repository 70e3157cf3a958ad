package org.spacemoe.onboard.shard;

/** A shard could not be loaded: missing or unreadable file, digest or size mismatch, or ONNX Runtime refused it. */
public class ShardLoadException extends Exception {
  private final String shard;
  private final String reason;

  public ShardLoadException(String shard, String reason) {
    this(shard, reason, null);
  }

  public ShardLoadException(String shard, String reason, Throwable cause) {
    super("shard " + shard + ": " + reason, cause);
    this.shard = shard;
    this.reason = reason;
  }

  /** The shard's name, e.g. {@code layer03.expert05}. */
  public String shard() {
    return shard;
  }

  public String reason() {
    return reason;
  }
}
