package org.spacemoe.onboard.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spacemoe.onboard.shard.AbortableRun;
import org.spacemoe.onboard.shard.ExpertExecutor;
import org.spacemoe.onboard.shard.ShardExecutionException;
import org.spacemoe.onboard.shard.ShardLoader;
import org.spacemoe.onboard.shard.TinyModel;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.shared.model.onnx.WeightFormat;

@Timeout(60)
class RunMonitorTest {
  @Test
  void theDeadlineIsTheMinimumOrTheFactorTimesTheNominalTime() {
    RunMonitor m = new RunMonitor(new NodeTelemetry(), 2_000, 20);
    assertEquals(TimeUnit.MILLISECONDS.toNanos(2_000), m.deadlineNanos(0));
    assertEquals(TimeUnit.MILLISECONDS.toNanos(2_000), m.deadlineNanos(TimeUnit.MILLISECONDS.toNanos(50)));
    assertEquals(TimeUnit.MILLISECONDS.toNanos(4_000), m.deadlineNanos(TimeUnit.MILLISECONDS.toNanos(200)));
    assertThrows(IllegalArgumentException.class, () -> new RunMonitor(new NodeTelemetry(), 0, 20));
    assertThrows(IllegalArgumentException.class, () -> new RunMonitor(new NodeTelemetry(), 10, 0));
  }

  /** A run past its deadline (a blocked executor standing in for a wedged native call) is caught and aborted. */
  @Test
  void aRunPastItsDeadlineIsAbortedCountedAndStickyWithinDeadlinePlusOneSecond() throws Exception {
    NodeTelemetry telemetry = new NodeTelemetry();
    RunMonitor m = new RunMonitor(telemetry, 300, 20);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    timer.scheduleWithFixedDelay(m::check, RunMonitor.CHECK_INTERVAL_MS, RunMonitor.CHECK_INTERVAL_MS,
        TimeUnit.MILLISECONDS);
    ExecutorService worker = Executors.newSingleThreadExecutor();
    AtomicBoolean interrupted = new AtomicBoolean();
    ExpertExecutor stuck = new ExpertExecutor() {
      @Override
      public float[] run(float[] x) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          interrupted.set(true);
        }
        throw new ShardExecutionException("stuck", "interrupted", null);
      }

      @Override
      public void close() {}
    };
    ExpertExecutor watched = MonitoredExecutors.expert(stuck, m, "p03s07", 3, 2, 0);
    long start = System.nanoTime();
    CompletableFuture<float[]> run = CompletableFuture.supplyAsync(() -> watched.run(new float[4]), worker);
    while (m.hungReason().isEmpty() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
      Thread.sleep(20);
    }
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals("hung: expert L3/E2 on p03s07 ran past its 300 ms deadline", m.hungReason().orElse(null));
    assertTrue(tookMs >= 300 && tookMs <= 1_300, "caught after " + tookMs + " ms");
    assertThrows(Exception.class, () -> run.get(5, TimeUnit.SECONDS));
    assertTrue(interrupted.get(), "an executor without RunOptions is aborted by interrupting its worker");
    assertEquals(1, telemetry.dropCount(DropReason.RUN_DEADLINE));
    assertEquals(0, m.inFlight());
    m.check();
    assertEquals(1, telemetry.dropCount(DropReason.RUN_DEADLINE), "counted once");
    assertTrue(m.hungReason().isPresent(), "sticky after the run ended");
    timer.shutdownNow();
    worker.shutdownNow();
  }

  @Test
  void anAbortableExecutorIsAskedToTerminateItsRunNotInterrupted() throws Exception {
    RunMonitor m = new RunMonitor(new NodeTelemetry(), 50, 20);
    CountDownLatch aborted = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    class Native implements ExpertExecutor, AbortableRun {
      @Override
      public float[] run(float[] x) {
        while (aborted.getCount() > 0) {
          Thread.onSpinWait();
          if (Thread.currentThread().isInterrupted()) {
            interrupted.set(true);
          }
        }
        throw new ShardExecutionException("native", "terminated", null);
      }

      @Override
      public boolean abortRun(Thread runner) {
        aborted.countDown();
        return true;
      }

      @Override
      public void close() {}
    }
    ExpertExecutor watched = MonitoredExecutors.expert(new Native(), m, "p00s01", 0, 1, 0);
    CompletableFuture<float[]> run = CompletableFuture.supplyAsync(() -> watched.run(new float[4]));
    Thread.sleep(120);
    assertTrue(m.check());
    assertTrue(aborted.await(5, TimeUnit.SECONDS));
    assertThrows(Exception.class, () -> run.get(5, TimeUnit.SECONDS));
    assertFalse(interrupted.get());
  }

  @Test
  void anInjectedHangIsCaughtLikeARealOneAndEndsWhenTheMonitorCloses() throws Exception {
    NodeTelemetry telemetry = new NodeTelemetry();
    RunMonitor m = new RunMonitor(telemetry, 200, 20);
    ShardLoader loader = ShardLoader.open(TinyModel.tiny(WeightFormat.FP32));
    {
      ExpertExecutor real = loader.expert(0, 0);
      ExpertExecutor watched = MonitoredExecutors.expert(real, m, "p01s00", 0, 0, 0);
      int hidden = loader.manifest().shape().hidden();
      assertEquals(hidden, watched.run(new float[hidden]).length, "runs normally before the injection");
      m.injectHang("p01s00");
      CompletableFuture<float[]> run = CompletableFuture.supplyAsync(() -> watched.run(new float[hidden]));
      long start = System.nanoTime();
      while (!m.check() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
        Thread.sleep(50);
      }
      assertEquals("hung: expert L0/E0 on p01s00 ran past its 200 ms deadline", m.hungReason().orElse(null));
      Thread.sleep(200);
      assertFalse(run.isDone(), "terminating ONNX Runtime does not end an injected hang");
      m.close();
      ExecutionExceptionHolder.assertCause(run, ShardExecutionException.class);
      assertEquals(1, telemetry.dropCount(DropReason.RUN_DEADLINE));
      real.close();
    }
  }

  @Test
  void normalOnnxRunsNeverTripTheirDeadlineAndCanBeAbortedOnlyWhileRunning() throws Exception {
    NodeTelemetry telemetry = new NodeTelemetry();
    RunMonitor m = new RunMonitor(telemetry, 2_000, 20);
    ShardLoader loader = ShardLoader.open(TinyModel.tiny(WeightFormat.FP32));
    {
      ExpertExecutor real = loader.expert(0, 1);
      assertFalse(((AbortableRun) real).abortRun(Thread.currentThread()), "nothing running");
      ExpertExecutor watched = MonitoredExecutors.expert(real, m, "p01s00", 0, 1, 0);
      int hidden = loader.manifest().shape().hidden();
      float[] x = new float[hidden];
      x[0] = 1;
      float[] first = watched.run(x);
      for (int i = 0; i < 500; i++) {
        assertEquals(List.of(first.length), List.of(watched.run(x).length));
        m.check();
      }
      assertTrue(m.hungReason().isEmpty());
      assertEquals(0, telemetry.dropCount(DropReason.RUN_DEADLINE));
      assertEquals(0, m.inFlight());
      real.close();
    }
  }

  /** Unwraps a future's failure. */
  static final class ExecutionExceptionHolder {
    static void assertCause(CompletableFuture<?> f, Class<? extends Throwable> type) throws Exception {
      try {
        f.get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        assertTrue(type.isInstance(e.getCause()), e.getCause().toString());
        return;
      }
      throw new AssertionError("the run returned a result");
    }
  }
}
