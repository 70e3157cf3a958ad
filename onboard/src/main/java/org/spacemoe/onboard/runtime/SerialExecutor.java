package org.spacemoe.onboard.runtime;

import java.util.ArrayDeque;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spacemoe.onboard.liveness.QueueProbe;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.onboard.telemetry.NodeTelemetry;

/**
 * Runs tasks one at a time in submission order on a shared pool: one per satellite, so a satellite's
 * roles never run concurrently and need no locks, while many satellites share the cores.
 *
 * <p>Two entry points share one queue and one order: {@link #execute} for frames, bounded by a capacity
 * ({@code max-queued-frames}): a frame beyond it is refused and counted ({@link DropReason#QUEUE_FULL}); and
 * {@link #executeInternal} for the timers and retries the roles schedule, never refused (a token's timeout must
 * run, or its state would leak). A task that throws an exception is logged and the queue goes on; an
 * {@link Error} ends the drain with tasks left waiting, which the liveness check reports as a stalled queue.
 */
final class SerialExecutor implements Executor, QueueProbe {
  private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

  private record Entry(Runnable task, long enqueuedNanos, boolean frame) {}

  private final Executor pool;
  private final String satellite;
  private final int capacity;
  private final NodeTelemetry telemetry;
  private final ArrayDeque<Entry> tasks = new ArrayDeque<>();
  private int frames;
  private boolean scheduled;
  private boolean inTask;
  private long lastProgressNanos = System.nanoTime();

  /** Unbounded, for benches and tests. */
  SerialExecutor(Executor pool) {
    this(pool, "", Integer.MAX_VALUE, null);
  }

  /**
   * @param capacity most frames waiting (not counting the one running); internal tasks are not counted
   * @param telemetry counts refused frames; null: not counted
   */
  SerialExecutor(Executor pool, String satellite, int capacity, NodeTelemetry telemetry) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.pool = pool;
    this.satellite = satellite;
    this.capacity = capacity;
    this.telemetry = telemetry;
  }

  /** Queues a frame's task; when {@code capacity} frames already wait it is refused and counted instead. */
  @Override
  public void execute(Runnable task) {
    if (!offer(task) && telemetry != null) {
      telemetry.dropped(DropReason.QUEUE_FULL);
    }
  }

  /** Queues a frame's task unless {@code capacity} frames already wait; does not count a refusal. */
  boolean offer(Runnable task) {
    return submit(task, true);
  }

  /** Queues a timer or retry task of the roles: never refused. */
  void executeInternal(Runnable task) {
    submit(task, false);
  }

  private boolean submit(Runnable task, boolean frame) {
    synchronized (tasks) {
      if (frame && frames >= capacity) {
        return false;
      }
      tasks.add(new Entry(task, System.nanoTime(), frame));
      if (frame) {
        frames++;
      }
      if (scheduled) {
        return true;
      }
      scheduled = true;
    }
    try {
      pool.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (tasks) {
        scheduled = false;
      }
      throw e;
    }
    return true;
  }

  private void drain() {
    while (true) {
      Entry next;
      synchronized (tasks) {
        next = tasks.poll();
        if (next == null) {
          scheduled = false;
          return;
        }
        if (next.frame) {
          frames--;
        }
        inTask = true;
        lastProgressNanos = System.nanoTime();
      }
      try {
        next.task.run();
      } catch (RuntimeException e) {
        LOG.warn("task on {} failed: {}", satellite, e.toString());
      } finally {
        synchronized (tasks) {
          inTask = false;
          lastProgressNanos = System.nanoTime();
        }
      }
    }
  }

  @Override
  public String satellite() {
    return satellite;
  }

  @Override
  public boolean isRunning() {
    synchronized (tasks) {
      return inTask;
    }
  }

  /** Frames waiting (not the one running). */
  int queuedFrames() {
    synchronized (tasks) {
      return frames;
    }
  }

  /** The enqueue time ({@link System#nanoTime()}) of the oldest task waiting; empty when none waits. */
  OptionalLong oldestWaitingSinceNanos() {
    synchronized (tasks) {
      Entry e = tasks.peek();
      return e == null ? OptionalLong.empty() : OptionalLong.of(e.enqueuedNanos);
    }
  }

  @Override
  public long stalledNanos(long nowNanos) {
    synchronized (tasks) {
      Entry e = tasks.peek();
      if (inTask || e == null) {
        return 0;
      }
      long since = e.enqueuedNanos - lastProgressNanos > 0 ? e.enqueuedNanos : lastProgressNanos;
      return Math.max(0, nowNanos - since);
    }
  }
}
