package org.spacemoe.onboard.liveness;

/** What the liveness check reads from one satellite's serial task queue. */
public interface QueueProbe {
  /** The satellite whose tasks the queue runs. */
  String satellite();

  /** Whether one of its tasks is running now. */
  boolean isRunning();

  /**
   * How long the queue has gone without progress at {@code nowNanos}: 0 when a task is running or none waits,
   * else the time since the later of the oldest waiting task's enqueue and the last task's start or end, ns.
   */
  long stalledNanos(long nowNanos);
}
