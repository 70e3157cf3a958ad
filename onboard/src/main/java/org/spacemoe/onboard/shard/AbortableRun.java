package org.spacemoe.onboard.shard;

/**
 * An executor whose run in progress can be aborted from another thread: a watchdog that finds a run past its
 * deadline asks the native call to stop instead of waiting for it forever.
 */
public interface AbortableRun {
  /**
   * Asks the run in progress on {@code runner}, if any, to stop; the run then fails with a
   * {@link ShardExecutionException} (ONNX Runtime checks the request between kernels, so a kernel stuck in a
   * single native call may still not return).
   *
   * @return whether a run was in progress on {@code runner} and the request was made
   */
  boolean abortRun(Thread runner);
}
