package org.spacemoe.hil.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.spacemoe.hil.broker.BenchBroker;
import org.spacemoe.hil.faults.FaultSpec;

/**
 * Fires each timed fault ({@code broker-down}, {@code kill}, {@code hang}) at its time after the generation starts and
 * records what was injected and when (for {@code broker-down} also when the broker came back). Link faults are
 * recorded as injected at 0: they are node configuration from the start.
 */
final class FaultTimeline implements AutoCloseable {
  private final class Entry {
    final FaultSpec spec;
    volatile double atS = Double.NaN;
    volatile Double untilS;
    volatile String outcome = "not injected: the run ended first";

    Entry(FaultSpec spec) {
      this.spec = spec;
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private final BenchBroker broker;
  private final java.util.Map<String, BenchBroker> islBrokers;
  private final FaultTargets nodes;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "spacemoe-bench-faults");
    t.setDaemon(true);
    return t;
  });
  private volatile long t0;

  /**
   * @param faults every fault, kill targets resolved to satellites
   * @param broker the broker {@code broker-down} stops (null when the bench does not run it: no such fault)
   */
  FaultTimeline(List<FaultSpec> faults, BenchBroker broker, FaultTargets nodes) {
    this(faults, broker, java.util.Map.of(), nodes);
  }

  /** @param islBrokers the own brokers of the satellites {@code isl-broker-down} stops, by satellite */
  FaultTimeline(List<FaultSpec> faults, BenchBroker broker, java.util.Map<String, BenchBroker> islBrokers,
      FaultTargets nodes) {
    this.islBrokers = islBrokers;
    this.broker = broker;
    this.nodes = nodes;
    for (FaultSpec f : faults) {
      Entry e = new Entry(f);
      if (!f.kind().timed()) {
        e.atS = 0;
        e.outcome = "injected";
      }
      entries.add(e);
    }
  }

  /** Schedules every timed fault relative to {@code t0Nanos} (the start frame). */
  void start(long t0Nanos) {
    this.t0 = t0Nanos;
    for (Entry e : entries) {
      if (e.spec.kind().timed()) {
        long delay = t0Nanos + TimeUnit.MILLISECONDS.toNanos(e.spec.atMs()) - System.nanoTime();
        timer.schedule(() -> fire(e), Math.max(0, delay), TimeUnit.NANOSECONDS);
      }
    }
  }

  private double now() {
    return (System.nanoTime() - t0) / 1e9;
  }

  private void fire(Entry e) {
    e.atS = now();
    FaultSpec f = e.spec;
    try {
      switch (f.kind()) {
        case BROKER_DOWN, ISL_BROKER_DOWN -> {
          BenchBroker broker = f.kind() == FaultSpec.Kind.BROKER_DOWN ? this.broker : islBrokers.get(f.satellite());
          broker.stop();
          e.outcome = "injected";
          timer.schedule(() -> {
            try {
              broker.start();
              e.untilS = now();
            } catch (RuntimeException x) {
              e.outcome = "injected; restart failed: " + x.getMessage();
            }
          }, f.durationMs(), TimeUnit.MILLISECONDS);
        }
        case KILL -> {
          nodes.kill(f.satellite());
          e.outcome = "injected";
        }
        case HANG -> {
          nodes.hang(f.satellite());
          e.outcome = "injected";
        }
        case LINK_DOWN -> {
          nodes.linkDown(f.satellite(), f.peer());
          e.outcome = "injected";
        }
        default -> e.outcome = "injected";
      }
    } catch (UnsupportedOperationException x) {
      e.outcome = "not injected: " + x.getMessage();
    } catch (RuntimeException x) {
      e.outcome = "not injected: " + x;
    }
  }

  /** What was injected so far, in spec order. */
  List<FaultsReport.Injection> injections() {
    List<FaultsReport.Injection> out = new ArrayList<>();
    for (Entry e : entries) {
      double at = Double.isNaN(e.atS) ? e.spec.atMs() / 1e3 : e.atS;
      out.add(new FaultsReport.Injection(e.spec.text(), at, e.untilS, e.outcome));
    }
    return out;
  }

  /** Stops firing (a broker still down stays down: the run is over). */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
