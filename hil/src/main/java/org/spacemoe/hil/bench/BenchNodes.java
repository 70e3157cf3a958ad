package org.spacemoe.hil.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.onboard.telemetry.TelemetrySnapshot;

/**
 * The onboard runtimes of a bench run: each isolated satellite (a {@code kill:} or {@code hang:} target) in its own
 * {@link OnboardRuntime}, every other satellite in one more, all with the same configuration but the satellite list,
 * so one can be stopped without the others. Without isolated satellites this is the single runtime of a plain bench.
 *
 * <p>A health monitor (every 200 ms, once {@link #startMonitor} is called) restarts in-process a runtime whose health
 * is DOWN for a reason that is not about the broker (closes it, starts a new one with the same configuration) and
 * records the restart. A halted ({@code kill}) runtime is gone: it is never restarted. Telemetry is summed over every
 * runtime ever started (restarted ones included).
 */
final class BenchNodes implements AutoCloseable, FaultTargets {
  /** Most restarts of one runtime, so a node that cannot come up is not restarted forever. */
  static final int MAX_RESTARTS = 5;

  private final class Slot {
    final OnboardConfig config;
    volatile OnboardRuntime runtime;
    volatile boolean killed;
    int restarts;

    Slot(OnboardConfig config) {
      this.config = config;
    }
  }

  private final List<Slot> slots = new ArrayList<>();
  private final Map<String, Slot> bySatellite = new LinkedHashMap<>();
  private final List<NodeTelemetry> telemetries = new CopyOnWriteArrayList<>();
  private final List<FaultsReport.NodeRestart> restarts = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService monitor;
  private volatile long t0Nanos = System.nanoTime();

  /**
   * @param satellites every satellite of the plan
   * @param isolated the satellites that each get their own runtime
   * @param configFor the configuration of a runtime hosting the given satellites
   */
  BenchNodes(List<String> satellites, java.util.Collection<String> isolated,
      Function<List<String>, OnboardConfig> configFor) {
    List<String> rest = new ArrayList<>();
    for (String s : satellites) {
      if (!isolated.contains(s)) {
        rest.add(s);
      }
    }
    if (!rest.isEmpty()) {
      Slot slot = new Slot(configFor.apply(rest));
      slots.add(slot);
      rest.forEach(s -> bySatellite.put(s, slot));
    }
    for (String s : satellites) {
      if (isolated.contains(s)) {
        Slot slot = new Slot(configFor.apply(List.of(s)));
        slots.add(slot);
        bySatellite.put(s, slot);
      }
    }
  }

  /** Starts every runtime. */
  BenchNodes start() {
    for (Slot s : slots) {
      s.runtime = startRuntime(s.config);
    }
    return this;
  }

  private OnboardRuntime startRuntime(OnboardConfig c) {
    OnboardRuntime r = new OnboardRuntime(c);
    telemetries.add(r.telemetry());
    return r.start();
  }

  /** Number of runtimes. */
  int runtimes() {
    return slots.size();
  }

  /** True when every runtime is healthy. */
  boolean isHealthy() {
    return slots.stream().allMatch(s -> s.runtime.isHealthy());
  }

  /** The first unhealthy runtime's reason, or null. */
  String unhealthyReason() {
    for (Slot s : slots) {
      if (!s.runtime.isHealthy()) {
        return s.config.getSatellites() + ": " + s.runtime.health().get("reason");
      }
    }
    return null;
  }

  /** The runtime currently hosting {@code satellite}. */
  OnboardRuntime runtimeOf(String satellite) {
    Slot s = bySatellite.get(satellite);
    if (s == null) {
      throw new IllegalArgumentException("no satellite " + satellite + " in the plan");
    }
    return s.runtime;
  }

  /** Halts the runtime of {@code satellite} (kill -9); it is not restarted. */
  @Override
  public void kill(String satellite) {
    Slot s = bySatellite.get(satellite);
    s.killed = true;
    s.runtime.halt();
  }

  /**
   * Halts the runtime of {@code satellite} (as kill -9: no clean shutdown) and starts a new one with the same
   * configuration and data directory, as a service manager would.
   */
  void restart(String satellite) {
    Slot s = bySatellite.get(satellite);
    s.runtime.halt();
    s.runtime = startRuntime(s.config);
  }

  /**
   * Makes the next ONNX run on {@code satellite} block.
   *
   * @throws UnsupportedOperationException when the runtime cannot inject hangs
   */
  @Override
  public void hang(String satellite) {
    runtimeOf(satellite).injectHang(satellite);
  }

  /** Takes the ISL {@code a}-{@code b} down in the runtimes hosting its ends (mesh mode). */
  @Override
  public void linkDown(String a, String b) {
    OnboardRuntime ra = runtimeOf(a);
    OnboardRuntime rb = runtimeOf(b);
    try {
      ra.linkDown(a, b);
      if (rb != ra) {
        rb.linkDown(a, b);
      }
    } catch (IllegalStateException e) {
      throw new UnsupportedOperationException(e.getMessage());
    }
  }

  /**
   * What {@link #awaitIslLinks} left: ISL connections known but not up, and nodes still finding their routes' links.
   */
  record IslLinksWait(int linksNotUp, int nodesStillOpening) {
    boolean allUp() {
      return linksNotUp == 0 && nodesStillOpening == 0;
    }
  }

  /**
   * Waits (at most {@code timeoutMs}) until every runtime has found its routes' links and their connections are up,
   * as they are on a constellation that has been running for a while.
   */
  IslLinksWait awaitIslLinks(long timeoutMs) throws InterruptedException {
    long by = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (true) {
      List<OnboardRuntime> live = slots.stream().filter(x -> !x.killed).map(x -> x.runtime).toList();
      IslLinksWait w = new IslLinksWait(live.stream().mapToInt(OnboardRuntime::islLinksNotUp).sum(),
          (int) live.stream().filter(OnboardRuntime::islRoutesOpening).count());
      if (w.allUp() || System.nanoTime() > by) {
        return w;
      }
      Thread.sleep(50);
    }
  }

  /** Every runtime's ISL mesh counters (relays, links, reroutes), restarted ones included. */
  List<org.spacemoe.onboard.telemetry.RelayTelemetry> relays() {
    return telemetries.stream().map(NodeTelemetry::relays).toList();
  }

  /** Starts the health monitor; restart times are counted from {@code t0Nanos}. */
  synchronized void startMonitor(long t0Nanos) {
    this.t0Nanos = t0Nanos;
    if (monitor != null) {
      return;
    }
    monitor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "spacemoe-bench-health");
      t.setDaemon(true);
      return t;
    });
    monitor.scheduleWithFixedDelay(this::check, 200, 200, TimeUnit.MILLISECONDS);
  }

  private void check() {
    for (Slot s : slots) {
      if (s.killed || s.restarts >= MAX_RESTARTS) {
        continue;
      }
      Map<String, Object> h;
      try {
        h = s.runtime.health();
      } catch (RuntimeException e) {
        h = Map.of("status", "DOWN", "reason", "health failed: " + e);
      }
      if (!"DOWN".equals(h.get("status"))) {
        continue;
      }
      String reason = String.valueOf(h.get("reason"));
      if (aboutTheBroker(reason)) {
        continue;
      }
      OnboardRuntime old = s.runtime;
      try {
        old.halt();
      } catch (RuntimeException e) {
        // replacing it anyway
      }
      s.restarts++;
      restarts.add(new FaultsReport.NodeRestart(List.copyOf(s.config.getSatellites()), (System.nanoTime() - t0Nanos) / 1e9, reason));
      s.runtime = startRuntime(s.config);
    }
  }

  /** A broker outage is the broker's fault: the runtime reconnects on its own. */
  static boolean aboutTheBroker(String reason) {
    String r = reason.toLowerCase(java.util.Locale.ROOT);
    return r.contains("broker") || r.startsWith("starting");
  }

  /** Restarts by the health monitor so far. */
  List<FaultsReport.NodeRestart> restarts() {
    return List.copyOf(restarts);
  }

  /** Telemetry summed over every runtime started. */
  RunTelemetry telemetry() {
    if (telemetries.size() == 1) {
      return RunTelemetry.of(telemetries.get(0));
    }
    List<TelemetrySnapshot> after = telemetries.stream().map(t -> TelemetrySnapshot.of(t, Map.of())).toList();
    return RunTelemetry.sum(after, java.util.Collections.nCopies(after.size(), null));
  }

  /** The nodes' recovery counters summed over every runtime started. */
  FaultsReport.Recovery recovery() {
    Map<String, Long> retries = new TreeMap<>();
    Map<String, Long> failures = new TreeMap<>();
    long expert = 0;
    long gateway = 0;
    long rebuilt = 0;
    long resent = 0;
    for (NodeTelemetry t : telemetries) {
      t.retriesByKind().forEach((k, v) -> retries.merge(k, v, Long::sum));
      t.sequenceFailures().forEach((k, v) -> failures.merge(k, v, Long::sum));
      expert += t.expertFailovers();
      gateway += t.gatewayFailovers();
      rebuilt += t.rebuiltSteps();
      resent += t.resentAfterReconnect();
    }
    return new FaultsReport.Recovery(retries, expert, gateway, rebuilt, resent, failures);
  }

  /** Sequences the running runtimes hold state for. */
  int sequencesHeld() {
    return slots.stream().filter(x -> !x.killed).mapToInt(x -> x.runtime.sequencesHeld()).sum();
  }

  /** {@link NodeTelemetry#duplicatesIgnored()} summed over every runtime started. */
  long duplicatesIgnored() {
    return telemetries.stream().mapToLong(NodeTelemetry::duplicatesIgnored).sum();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (monitor != null) {
        monitor.shutdownNow();
        try {
          monitor.awaitTermination(10, TimeUnit.SECONDS); // a restart in progress finishes before closing
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    for (Slot s : slots) {
      if (s.runtime != null) {
        try {
          s.runtime.close();
        } catch (RuntimeException e) {
          // closing the rest
        }
      }
    }
  }
}
