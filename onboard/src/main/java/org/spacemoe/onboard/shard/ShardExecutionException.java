package org.spacemoe.onboard.shard;

/** ONNX Runtime failed while running a loaded shard. */
public class ShardExecutionException extends RuntimeException {
  private final String shard;

  public ShardExecutionException(String shard, String problem, Throwable cause) {
    super("shard " + shard + ": " + problem, cause);
    this.shard = shard;
  }

  public String shard() {
    return shard;
  }
}
