package org.spacemoe.onboard.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spacemoe.onboard.telemetry.NodeTelemetry;

@Timeout(30)
class LivenessCheckTest {
  private static QueueProbe queue(String sat, boolean running, long stalledMs) {
    return new QueueProbe() {
      @Override
      public String satellite() {
        return sat;
      }

      @Override
      public boolean isRunning() {
        return running;
      }

      @Override
      public long stalledNanos(long nowNanos) {
        return TimeUnit.MILLISECONDS.toNanos(stalledMs);
      }
    };
  }

  @Test
  void everyPartMustMakeProgress() throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    RunMonitor runs = new RunMonitor(new NodeTelemetry(), 100, 20);
    List<QueueProbe>[] queues = new List[] {List.of(queue("p00s00", false, 10))};
    LivenessCheck check = new LivenessCheck(timer, pool, runs, () -> queues[0], 1_000);
    assertEquals(Optional.empty(), check.problem(500));

    // a satellite's queue waits past the bound while nothing of it runs
    queues[0] = List.of(queue("p00s00", false, 1_500), queue("p00s01", false, 0));
    assertTrue(check.problem(500).orElse("").startsWith("serial queue of p00s00 made no progress for 1500 ms"));
    // the same wait while another queue of that satellite (another plan version) runs is not a stall
    queues[0] = List.of(queue("p00s00", false, 1_500), queue("p00s00", true, 0));
    assertEquals(Optional.empty(), check.problem(500));
    queues[0] = List.of();

    // every worker blocked
    CountDownLatch release = new CountDownLatch(1);
    pool.submit(() -> {
      release.await();
      return null;
    });
    assertEquals(Optional.of("no worker thread answered within 200 ms"), check.problem(200));
    release.countDown();
    assertEquals(Optional.empty(), check.problem(500));

    // the timer blocked
    CountDownLatch releaseTimer = new CountDownLatch(1);
    timer.submit(() -> {
      releaseTimer.await();
      return null;
    });
    assertEquals(Optional.of("timer thread did not answer within 200 ms"), check.problem(200));
    releaseTimer.countDown();

    // a run past its deadline, found by the probe itself even when the timer's checker does not run
    try (RunMonitor.Run r = runs.begin("p02s03", "gateway L5", 0, (org.spacemoe.onboard.shard.AbortableRun) t -> true)) {
      Thread.sleep(150);
      assertEquals(Optional.of("hung: gateway L5 on p02s03 ran past its 100 ms deadline"), check.problem(500));
    }
    assertEquals(Optional.of("hung: gateway L5 on p02s03 ran past its 100 ms deadline"), check.problem(500),
        "sticky");
    timer.shutdownNow();
    pool.shutdownNow();
  }
}
