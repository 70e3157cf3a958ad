package org.spacemoe.ground.cli;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr, fed from worker threads. */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;
  private final AtomicLong done = new AtomicLong();

  Progress(String task, long total) {
    this.bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
  }

  IntConsumer tick() {
    return ignored -> bar.stepTo(done.incrementAndGet());
  }

  /** Shows {@code text} after the bar (e.g. the configuration just finished). */
  void message(String text) {
    bar.setExtraMessage(text.length() > 60 ? text.substring(0, 60) : text);
  }

  @Override
  public void close() {
    bar.close();
  }
}
