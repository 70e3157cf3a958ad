package org.spacemoe.onboard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.onboard.telemetry.NodeTelemetry;

@Timeout(30)
class SerialExecutorTest {
  @Test
  void framesBeyondTheCapacityAreRefusedAndCountedInternalTasksNever() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    NodeTelemetry telemetry = new NodeTelemetry();
    SerialExecutor serial = new SerialExecutor(pool, "p00s00", 3, telemetry);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> ran = new ArrayList<>();
    serial.execute(() -> {
      started.countDown();
      await(release);
    });
    assertTrue(started.await(5, TimeUnit.SECONDS));
    assertTrue(serial.isRunning());
    for (int i = 0; i < 3; i++) {
      int n = i;
      assertTrue(serial.offer(() -> ran.add(n)));
    }
    assertEquals(3, serial.queuedFrames());
    assertFalse(serial.offer(() -> ran.add(99)), "the fourth waiting frame is refused");
    serial.execute(() -> ran.add(98)); // refused and counted
    assertEquals(1, telemetry.dropCount(DropReason.QUEUE_FULL));
    for (int i = 0; i < 10; i++) {
      int n = 100 + i;
      serial.executeInternal(() -> ran.add(n)); // timers and retries: never refused
    }
    assertEquals(1, telemetry.dropCount(DropReason.QUEUE_FULL));
    assertTrue(serial.oldestWaitingSinceNanos().isPresent());
    release.countDown();
    CountDownLatch done = new CountDownLatch(1);
    serial.executeInternal(done::countDown);
    assertTrue(done.await(5, TimeUnit.SECONDS));
    List<Integer> expected = new ArrayList<>(List.of(0, 1, 2));
    for (int i = 0; i < 10; i++) {
      expected.add(100 + i);
    }
    synchronized (ran) {
      assertEquals(expected, ran, "in submission order");
    }
    assertEquals(0, serial.queuedFrames());
    assertTrue(serial.offer(() -> { }), "room again once drained");
    pool.shutdownNow();
  }

  @Test
  void aTaskThatThrowsDoesNotStopTheQueue() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    SerialExecutor serial = new SerialExecutor(pool, "p00s00", 8, new NodeTelemetry());
    CountDownLatch after = new CountDownLatch(1);
    serial.execute(() -> {
      throw new IllegalStateException("boom");
    });
    serial.execute(after::countDown);
    assertTrue(after.await(5, TimeUnit.SECONDS));
    pool.shutdownNow();
  }

  @Test
  void aQueueWhoseDrainNeverRunsReportsItsStallAndARunningOneDoesNot() throws Exception {
    List<Runnable> lost = new ArrayList<>(); // a pool that never runs what it is given
    SerialExecutor serial = new SerialExecutor(lost::add, "p00s00", 8, new NodeTelemetry());
    assertEquals(0, serial.stalledNanos(System.nanoTime()), "nothing waits");
    long before = System.nanoTime();
    serial.execute(() -> { });
    Thread.sleep(50);
    long stalled = serial.stalledNanos(System.nanoTime());
    assertTrue(stalled >= TimeUnit.MILLISECONDS.toNanos(40) && stalled <= System.nanoTime() - before, "" + stalled);
    assertFalse(serial.isRunning());
    lost.get(0).run(); // the drain finally runs
    assertEquals(0, serial.stalledNanos(System.nanoTime()));
    assertTrue(serial.oldestWaitingSinceNanos().isEmpty());
  }

  private static void await(CountDownLatch l) {
    try {
      l.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
