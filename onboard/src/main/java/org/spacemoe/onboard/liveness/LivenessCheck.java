package org.spacemoe.onboard.liveness;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The liveness rule behind the systemd watchdog, checking, as F Prime's health component does, that every
 * part of the runtime makes progress rather than that one thread answers. The runtime is alive when all hold:
 * <ol>
 *   <li>its timer thread runs a no-op within the probe's timeout;</li>
 *   <li>its worker pool runs a no-op within what is left of the timeout;</li>
 *   <li>no shard run is past its deadline ({@link RunMonitor}), and none ever was (the hung reason is sticky);</li>
 *   <li>no satellite's serial queue has a task waiting longer than {@code queue-stall-ms} without progress
 *   while nothing of that satellite runs (a lost drain, a drain that died, a pool starved by other
 *   satellites' work).</li>
 * </ol>
 * The first that fails is the problem reported; the checks after it are skipped.
 */
public final class LivenessCheck {
  private final ExecutorService timer;
  private final ExecutorService pool;
  private final RunMonitor runs;
  private final Supplier<? extends Collection<? extends QueueProbe>> queues;
  private final long queueStallNanos;

  /**
   * @param queues the serial queues of every installed plan version, read at each check
   * @param queueStallMs the longest a queue may wait without progress while its satellite runs nothing, ms
   */
  public LivenessCheck(ExecutorService timer, ExecutorService pool, RunMonitor runs,
      Supplier<? extends Collection<? extends QueueProbe>> queues, long queueStallMs) {
    this.timer = timer;
    this.pool = pool;
    this.runs = runs;
    this.queues = queues;
    this.queueStallNanos = TimeUnit.MILLISECONDS.toNanos(queueStallMs);
  }

  /** What is stuck, or empty when every part answered within {@code timeoutMs}. */
  public Optional<String> problem(long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    try {
      Future<?> onTimer = timer.submit(() -> { });
      Future<?> onPool = pool.submit(() -> { });
      if (!answers(onTimer, deadline)) {
        return Optional.of("timer thread did not answer within " + timeoutMs + " ms");
      }
      if (!answers(onPool, deadline)) {
        return Optional.of("no worker thread answered within " + timeoutMs + " ms");
      }
    } catch (RejectedExecutionException e) {
      return Optional.of("stopped");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("liveness probe interrupted");
    }
    if (runs.check()) {
      return Optional.of(runs.hungReason().orElse("a shard run is past its deadline"));
    }
    if (runs.hungReason().isPresent()) {
      return runs.hungReason();
    }
    return stalledQueue(System.nanoTime());
  }

  private static boolean answers(Future<?> f, long deadline) throws InterruptedException {
    try {
      f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  private Optional<String> stalledQueue(long now) {
    Map<String, Long> stalled = new HashMap<>();
    Map<String, Boolean> running = new HashMap<>();
    for (QueueProbe q : queues.get()) {
      running.merge(q.satellite(), q.isRunning(), Boolean::logicalOr);
      stalled.merge(q.satellite(), q.stalledNanos(now), Math::max);
    }
    for (Map.Entry<String, Long> e : stalled.entrySet()) {
      if (e.getValue() > queueStallNanos && !running.get(e.getKey())) {
        return Optional.of("serial queue of " + e.getKey() + " made no progress for "
            + TimeUnit.NANOSECONDS.toMillis(e.getValue()) + " ms (bound " + TimeUnit.NANOSECONDS.toMillis(
                queueStallNanos) + " ms)");
      }
    }
    return Optional.empty();
  }
}
