package org.spacemoe.onboard.liveness;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spacemoe.onboard.shard.AbortableRun;
import org.spacemoe.onboard.shard.ShardExecutionException;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.onboard.telemetry.NodeTelemetry;

/**
 * Knows every shard run in flight in one process (satellite, shard label such as {@code gateway L5} or
 * {@code expert L3/E2}, worker thread, start, deadline) and catches runs that do not come back.
 *
 * <p>A run's deadline is {@code max(run-deadline-min-ms, run-deadline-factor x nominal)}, where nominal is the
 * run's compute time from the FLOP model on the configured device at time scale 1. {@link #check} (on the
 * runtime's timer every {@link #CHECK_INTERVAL_MS} ms, and from every liveness probe) finds runs past their
 * deadline; for each, once: asks the native call to stop ({@link AbortableRun#abortRun}: ONNX Runtime's
 * {@code RunOptions.setTerminate}; executors that cannot be aborted that way get their worker thread
 * interrupted), counts {@link DropReason#RUN_DEADLINE} and records a sticky reason, e.g.
 * {@code hung: expert L3/E2 on p03s07 ran past its 2000 ms deadline}. The reason is the first such run's and
 * only a restart clears it: a node that had a hung native call is not trusted to be whole again.
 *
 * <p>For the bench, {@link #injectHang} makes the next run on a satellite block (interruptibly) until the monitor
 * is closed, as a wedged native call would; it is caught like a real hang.
 */
public final class RunMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunMonitor.class);
  /** How often the runtime's timer calls {@link #check}, ms. */
  public static final long CHECK_INTERVAL_MS = 250;

  private final NodeTelemetry telemetry;
  private final long minDeadlineNanos;
  private final double factor;
  private final Set<Run> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<String> hangNext = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile String hungReason;

  /**
   * @param minDeadlineMs the shortest deadline of any run, ms (>= 1)
   * @param factor deadline as a multiple of the run's nominal compute time, when that is longer (> 0)
   */
  public RunMonitor(NodeTelemetry telemetry, long minDeadlineMs, double factor) {
    if (minDeadlineMs < 1 || !(factor > 0)) {
      throw new IllegalArgumentException("run deadline needs min >= 1 ms and factor > 0, got " + minDeadlineMs
          + " ms and " + factor);
    }
    this.telemetry = telemetry;
    this.minDeadlineNanos = TimeUnit.MILLISECONDS.toNanos(minDeadlineMs);
    this.factor = factor;
  }

  /** The deadline of a run whose nominal compute time is {@code nominalNanos}, ns after its start. */
  public long deadlineNanos(long nominalNanos) {
    double scaled = factor * Math.max(0, nominalNanos);
    return scaled >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(minDeadlineNanos, (long) scaled);
  }

  /** One run in flight. */
  public static final class Run implements AutoCloseable {
    private final RunMonitor monitor;
    private final String satellite;
    private final String label;
    private final Thread worker;
    private final Object executor;
    private final long startNanos;
    private final long deadlineNanos;
    private final AtomicBoolean tripped = new AtomicBoolean();

    private Run(RunMonitor monitor, String satellite, String label, Thread worker, Object executor, long startNanos,
        long deadlineNanos) {
      this.monitor = monitor;
      this.satellite = satellite;
      this.label = label;
      this.worker = worker;
      this.executor = executor;
      this.startNanos = startNanos;
      this.deadlineNanos = deadlineNanos;
    }

    public String satellite() {
      return satellite;
    }

    public String label() {
      return label;
    }

    public Thread worker() {
      return worker;
    }

    /** The run's start, {@link System#nanoTime()}. */
    public long startNanos() {
      return startNanos;
    }

    /** Its deadline, ns after the start. */
    public long deadlineNanos() {
      return deadlineNanos;
    }

    boolean pastDeadline(long nowNanos) {
      return nowNanos - startNanos > deadlineNanos;
    }

    private void abort() {
      if (executor instanceof AbortableRun a) {
        a.abortRun(worker);
      } else {
        worker.interrupt();
      }
    }

    /** The run came back (with a result or an exception). */
    @Override
    public void close() {
      monitor.inFlight.remove(this);
    }
  }

  /**
   * Registers a run starting now on the calling thread.
   *
   * @param executor the executor running it: aborted through {@link AbortableRun} if it is one, else by
   *     interrupting the thread
   */
  public Run begin(String satellite, String label, long nominalNanos, Object executor) {
    Run r = new Run(this, satellite, label, Thread.currentThread(), executor, System.nanoTime(),
        deadlineNanos(nominalNanos));
    inFlight.add(r);
    return r;
  }

  /**
   * Runs {@code body} as a monitored run (or blocks, if a hang was injected for {@code satellite}).
   *
   * @throws ShardExecutionException when an injected hang ends (the monitor closed, or the thread interrupted)
   */
  public <T> T watch(String satellite, String label, long nominalNanos, Object executor, Supplier<T> body) {
    try (Run r = begin(satellite, label, nominalNanos, executor)) {
      if (hangNext.remove(satellite)) {
        hang(satellite, label);
      }
      return body.get();
    }
  }

  private void hang(String satellite, String label) {
    LOG.warn("injected hang: {} on {} blocks until the node stops", label, satellite);
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new ShardExecutionException(label, "injected hang on " + satellite + " ended: the node stopped", null);
  }

  /** Fault injection (bench only): the next run on {@code satellite} blocks until {@link #close}. */
  public void injectHang(String satellite) {
    hangNext.add(satellite);
  }

  /**
   * Finds runs past their deadline: each is aborted, counted ({@link DropReason#RUN_DEADLINE}) and, for the
   * first, recorded as the sticky hung reason. Never throws.
   *
   * @return whether any run in flight is past its deadline
   */
  public boolean check() {
    long now = System.nanoTime();
    boolean overdue = false;
    for (Run r : inFlight) {
      if (!r.pastDeadline(now)) {
        continue;
      }
      overdue = true;
      if (r.tripped.compareAndSet(false, true)) {
        String reason = "hung: " + r.label + " on " + r.satellite + " ran past its "
            + TimeUnit.NANOSECONDS.toMillis(r.deadlineNanos) + " ms deadline";
        synchronized (this) {
          if (hungReason == null) {
            hungReason = reason;
          }
        }
        telemetry.dropped(DropReason.RUN_DEADLINE);
        LOG.error("{} (worker {}); aborting it, node DOWN until restarted", reason, r.worker.getName());
        try {
          r.abort();
        } catch (RuntimeException e) {
          LOG.warn("aborting {} on {}: {}", r.label, r.satellite, e.toString());
        }
      }
    }
    return overdue;
  }

  /** Whether a run in flight is past its deadline now (without aborting or counting it). */
  public boolean overdue() {
    long now = System.nanoTime();
    return inFlight.stream().anyMatch(r -> r.pastDeadline(now));
  }

  /** The sticky reason set by the first run past its deadline; empty until then. */
  public Optional<String> hungReason() {
    return Optional.ofNullable(hungReason);
  }

  /** Runs in flight now. */
  public int inFlight() {
    return inFlight.size();
  }

  /** Ends injected hangs; runs begun afterwards are still monitored. */
  @Override
  public void close() {
    closed.countDown();
  }
}
