package org.spacemoe.onboard.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Time and deadlines for the roles of one satellite. A scheduled task runs on the satellite's serial executor, so
 * role state needs no locks. Injected, so role logic is tested with a manual clock.
 */
interface RoleClock {
  /** Monotonic time, ns ({@link System#nanoTime()} in flight). */
  long nanoTime();

  /** Runs {@code task} on the satellite's serial executor after {@code delayNanos}; cancel to drop it. */
  Cancellable schedule(Runnable task, long delayNanos);

  /** A scheduled task. */
  interface Cancellable {
    void cancel();
  }

  /** The system clock, with the process timer handing tasks to {@code serial}. */
  static RoleClock system(ScheduledExecutorService timer, Executor serial) {
    return new RoleClock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public Cancellable schedule(Runnable task, long delayNanos) {
        try {
          Future<?> f = timer.schedule(() -> serial.execute(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
          return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
          return () -> { }; // the node is closing
        }
      }
    };
  }
}
