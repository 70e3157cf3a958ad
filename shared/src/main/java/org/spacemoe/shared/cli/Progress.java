package org.spacemoe.shared.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress of a long command on standard error: a bar redrawn in place when standard error is a terminal, a plain
 * line every {@value #LINE_INTERVAL_S} seconds otherwise (a log or a pipe gets no carriage returns), nothing with
 * {@code --quiet}. Safe to feed from worker threads.
 */
public final class Progress implements AutoCloseable {
  /** How progress is shown. */
  public enum Mode {
    /** A bar redrawn in place (a terminal). */
    BAR,
    /** A plain line now and then, and one at the end. */
    LINES,
    /** Nothing. */
    QUIET;

    /** QUIET with {@code quiet}, else BAR on a terminal, LINES otherwise. */
    public static Mode forStderr(boolean quiet) {
      return quiet ? QUIET : Terminal.stderrIsTerminal() ? BAR : LINES;
    }
  }

  static final long LINE_INTERVAL_S = 10;
  private static final long BAR_INTERVAL_MS = 250;
  private static final int BAR_WIDTH = 30;

  private final String task;
  private final Mode mode;
  private final PrintStream err;
  private final LongSupplier clockMs;
  private final long intervalMs;
  private final long startMs;
  private final Thread ticker;
  private long total;
  private long done;
  private String message = "";
  private long lastDrawMs = Long.MIN_VALUE;
  private int lastWidth;
  private boolean closed;

  Progress(String task, long total, Mode mode, PrintStream err, LongSupplier clockMs, boolean tickerThread) {
    this.task = task;
    this.total = Math.max(0, total);
    this.mode = mode;
    this.err = err;
    this.clockMs = clockMs;
    this.intervalMs = mode == Mode.BAR ? BAR_INTERVAL_MS : TimeUnit.SECONDS.toMillis(LINE_INTERVAL_S);
    this.startMs = clockMs.getAsLong();
    if (mode != Mode.QUIET && tickerThread) {
      // redraws while nothing finishes (a stalled bench still shows its elapsed time)
      ticker = new Thread(this::tickLoop, "progress-" + task);
      ticker.setDaemon(true);
      ticker.start();
    } else {
      ticker = null;
    }
  }

  /** Progress of {@code total} units of {@code task} on {@link System#err}, shown as {@code mode} says. */
  public static Progress start(String task, long total, Mode mode) {
    return new Progress(task, total, mode, System.err, System::currentTimeMillis, true);
  }

  /** Progress shown as {@link Mode#forStderr(boolean)} says. */
  public static Progress start(String task, long total, boolean quiet) {
    return start(task, total, Mode.forStderr(quiet));
  }

  /** Sets the units done so far. */
  public synchronized void stepTo(long n) {
    done = n;
    if (mode == Mode.BAR) {
      maybeDraw(false);
    }
  }

  /** One more unit done. */
  public synchronized void step() {
    stepTo(done + 1);
  }

  /** Changes the total (when the first estimate was off). */
  public synchronized void total(long newTotal) {
    total = Math.max(0, newTotal);
  }

  /** Text shown after the counts (e.g. the item just finished). */
  public synchronized void message(String text) {
    message = text == null ? "" : text.length() > 60 ? text.substring(0, 60) : text;
  }

  /** Draws a bar or prints a line if it is time to. */
  synchronized void tick() {
    if (!closed) {
      maybeDraw(false);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (mode == Mode.BAR) {
        maybeDraw(true);
        err.print('\n');
      } else if (mode == Mode.LINES) {
        err.println(line(true));
      }
      err.flush();
    }
    if (ticker != null) {
      ticker.interrupt();
    }
  }

  private void tickLoop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(Math.min(intervalMs, 1000));
        tick();
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  private void maybeDraw(boolean force) {
    long now = clockMs.getAsLong();
    if (mode == Mode.QUIET) {
      return;
    }
    if (!force) {
      if (mode == Mode.LINES && lastDrawMs == Long.MIN_VALUE) {
        lastDrawMs = now; // the first line after one interval: short runs print only the final line
        return;
      }
      if (lastDrawMs != Long.MIN_VALUE && now - lastDrawMs < intervalMs) {
        return;
      }
    }
    lastDrawMs = now;
    if (mode == Mode.BAR) {
      String s = bar(now);
      int pad = Math.max(0, lastWidth - s.length());
      err.print('\r' + s + " ".repeat(pad));
      lastWidth = s.length();
    } else {
      err.println(line(false));
    }
    err.flush();
  }

  private String bar(long now) {
    int filled = total == 0 ? 0 : (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total);
    String pct = total == 0 ? "  ?%" : String.format(Locale.ROOT, "%3d%%", Math.min(100, 100 * done / total));
    return String.format(Locale.ROOT, "%s %s [%s%s] %d/%d (%s%s)%s", task, pct, "=".repeat(filled),
        " ".repeat(BAR_WIDTH - filled), done, total, clock(now - startMs), eta(now), message.isEmpty() ? "" : " " + message);
  }

  /** A plain progress line: {@code task: done/total (pct), elapsed[, ~left]} or {@code ... done in ...}. */
  String line(boolean last) {
    long now = clockMs.getAsLong();
    String pct = total == 0 ? "" : String.format(Locale.ROOT, " (%d%%)", Math.min(100, 100 * done / total));
    String tail = last ? ", finished after " + clock(now - startMs) : ", " + clock(now - startMs) + " elapsed" + eta(now);
    return task + ": " + done + "/" + total + pct + tail + (message.isEmpty() ? "" : ", " + message);
  }

  private String eta(long now) {
    if (done <= 0 || total <= done) {
      return "";
    }
    long elapsed = now - startMs;
    return ", ~" + clock(elapsed * (total - done) / done) + " left";
  }

  private static String clock(long ms) {
    long s = Math.max(0, ms) / 1000;
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
