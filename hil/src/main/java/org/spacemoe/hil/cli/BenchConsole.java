package org.spacemoe.hil.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.spacemoe.ground.console.OperationsConsole;
import org.spacemoe.ground.ops.BrokerConnection;
import org.spacemoe.hil.bench.BenchObserver;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * {@code hil bench --console}: the operations console of {@code ground console} (the same classes) on 127.0.0.1,
 * listening to each run's broker as soon as it is up, told the bench's plan, its timed sequence (so the first
 * token's latency counts from the start) and its per-token prediction.
 */
final class BenchConsole implements BenchObserver, AutoCloseable {
  private final PrintWriter err;
  private final OperationsConsole console;

  /** Serves the page at once (a port in use fails before the bench starts); it shows the broker once one is up. */
  BenchConsole(int port, PrintWriter err) {
    this.err = err;
    console = OperationsConsole.serve(OperationsConsole.DEFAULT_BIND, port, "--console-port", "(bench starting)");
    err.printf("console: %s%n", console.url());
    err.flush();
  }

  @Override
  public void pinnedSlot(int slot) {
    console.model().pinSlot(slot);
  }

  @Override
  public void brokerReady(String uri, PlacementPlan plan) {
    console.model().setPlan(plan);
    console.listen(BrokerConnection.of(uri));
  }

  @Override
  public void timedSequence(long seq, long startNanos, int tokens, long firstStep) {
    console.model().sequenceStarted(seq, startNanos, tokens, firstStep);
    console.model().focus(seq);
  }

  @Override
  public void predicted(long seq, Map<Long, Double> byStep) {
    console.model().predicted(seq, byStep);
  }

  /** Keeps the page up {@code seconds} more (the bench has ended). */
  void hold(double seconds) throws InterruptedException {
    if (seconds > 0) {
      err.printf("console: %s stays up %.0f s%n", console.url(), seconds);
      err.flush();
      Thread.sleep((long) (seconds * 1000));
    }
  }

  @Override
  public void close() {
    console.close();
  }
}
