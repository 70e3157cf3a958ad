package org.spacemoe.hil.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import org.spacemoe.ground.latency.TokenLatencyPredictor;
import org.spacemoe.hil.flash.BenchFlash;
import org.spacemoe.hil.flash.BoardFlashResult;
import org.spacemoe.hil.flash.BoardKiller;
import org.spacemoe.hil.faults.FaultSpec;
import org.spacemoe.hil.flash.FlashReport;
import org.spacemoe.hil.inventory.Board;
import org.spacemoe.hil.inventory.Inventory;
import org.spacemoe.hil.inventory.InventoryChecks;
import org.spacemoe.hil.inventory.IslMode;
import org.spacemoe.onboard.reference.ReferenceGenerator;
import org.spacemoe.onboard.shard.ModelExecutors;
import org.spacemoe.onboard.shard.ShardLoader;
import org.spacemoe.onboard.telemetry.TelemetrySnapshot;

/**
 * The token-latency test of {@link BenchRunner} through the boards of an inventory: this process is the ground.
 * It prepares the same workspace (model export and plan, deterministic), flashes it to the boards (unchanged
 * boards are left alone), reads every board's {@code /telemetry}, starts a sequence at layer 1's gateway over the
 * inventory's broker, records the tokens, reads {@code /telemetry} again, and reports per board its compute,
 * link and queue time per hop against the modelled ISL latency of the hops its satellites received. In
 * {@code isl: mesh} mode (the inventory's, or the caller's override through {@link Inventory#withIsl}) the flash gives
 * every board its ISL broker and relays, and the report adds each board's relay counters when its telemetry has them.
 */
public final class BoardsBenchRunner {
  private BoardsBenchRunner() {}

  /**
   * @param o the run's options; broker, slot, time scale and emulation switches as the boards are configured
   * @param ssh SSH settings (known hosts, timeouts) and the distribution to flash
   * @param flash flash the workspace's plan first (false: trust that the boards already run it)
   * @param faults {@code kill:} faults only: the target's board is killed over SSH and restarted by its service
   *     manager; the report gains a faults section
   * @param standbysForKilledGateways plan a standby for every layer's gateway when a fault kills a gateway
   */
  public static BoardsBenchReport run(BenchOptions o, Inventory inv, BenchFlash.Options ssh, boolean flash,
      List<FaultSpec> faults, boolean standbysForKilledGateways, IntConsumer progress) throws Exception {
    if (inv.isl() == IslMode.MESH) {
      // the frames cross the boards' own brokers, out of the ground's sight: the tokens are compared
      o = o.withCheckHidden(false);
    }
    if (o.newTokens() < 2) {
      throw new org.spacemoe.shared.input.InvalidInputException("--tokens", "must be >= 2 to measure a latency, got " + o.newTokens());
    }
    boolean standbys = standbysForKilledGateways
        && faults.stream().anyMatch(f -> f.kind() == FaultSpec.Kind.KILL && f.gatewayOfLayer() >= 0);
    BenchWorkspace ws = BenchWorkspace.prepare(o, standbys);
    List<FaultSpec> resolved = BenchRunner.resolve(faults, ws);
    InventoryChecks.againstPlan(inv, ws.plan(), "of --preset " + o.preset() + " --seed " + o.seed()
        + (standbys ? " with gateway standbys" : ""));
    FlashReport flashed = null;
    if (flash) {
      BenchFlash.Options fo = new BenchFlash.Options(ssh.distributionZip(), ws.dataDir().resolve("plan.json"),
          ws.modelDir(), ssh.knownHosts(), ssh.sshTimeout(), ssh.healthTimeout());
      flashed = BenchFlash.run(inv, inv.boards(), fo, r -> { });
      if (!flashed.ok()) {
        List<String> bad = new ArrayList<>();
        for (BoardFlashResult r : flashed.boards()) {
          if (r.reason() != null) {
            bad.add(r.board() + " " + r.outcome().name().toLowerCase() + ": " + r.reason());
          }
        }
        throw new IllegalStateException("boards not ready: " + String.join("; ", bad));
      }
    }
    ReferenceGenerator.Generation ref;
    try (ModelExecutors exec = new ShardLoader(ws.modelDir(), ws.manifest()).loadAll()) {
      ref = new ReferenceGenerator(exec).generate(o.prompt(), o.newTokens());
    }
    TokenLatencyPredictor predictor = new TokenLatencyPredictor(ws.scenario(), ws.placement(), o.slot());
    BoardTelemetryClient telemetry = new BoardTelemetryClient();
    Map<Board, TelemetrySnapshot> before = new HashMap<>();
    Map<Board, BoardRelayCounters> relayBefore = new HashMap<>();
    for (Board b : inv.boards()) {
      before.put(b, telemetry.get(b));
      relayBefore.put(b, telemetry.relay(b));
    }
    Map<Board, BoardRelayCounters> relayAfter = new HashMap<>();
    BenchReport bench;
    Map<Board, TelemetrySnapshot> after = new HashMap<>();
    try (BoardKiller killer = new BoardKiller(ssh.knownHosts(), ssh.sshTimeout());
        TokenDriver driver = new TokenDriver(o.broker())) {
      BoardFaultTargets targets = new BoardFaultTargets(inv, killer);
      double perToken = predictor.tokenLatencyS(ref.selectedExperts()[0]);
      long timeoutMs = (long) (30_000 + 5_000 * perToken * o.timeScale() * (o.newTokens() + o.prompt().length));
      if (!resolved.isEmpty()) {
        // a killed board is back after the restart delay and a JVM start: allow for it on top
        timeoutMs += 60_000 + BoardKiller.RESTART_DELAY.toMillis() * resolved.size();
      }
      long stallMs = resolved.isEmpty() ? 0 : (long) Math.max(2_000, 4_000 * perToken * o.timeScale());
      long seq = TokenDriver.newSequenceId();
      BenchReport plain;
      try (FaultTimeline timeline = new FaultTimeline(resolved, null, targets)) {
        Runnable onStart = resolved.isEmpty() ? () -> { } : () -> {
          long t = System.nanoTime();
          targets.startClock(t);
          timeline.start(t);
        };
        long t0 = System.nanoTime();
        boolean ok = driver.run(ws.plan().planVersion(), ws.plan().layers().get(0).gateway(), seq, o.prompt(),
            o.newTokens(), o.checkHidden(), timeoutMs, stallMs, onStart, progress);
        double wallS = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(200); // the last hops' telemetry is counted after their frames are sent
        for (Board b : inv.boards()) {
          after.put(b, resolved.isEmpty() ? telemetry.get(b) : telemetryOnceBack(telemetry, b));
          relayAfter.put(b, telemetry.relay(b));
        }
        // a killed board's counters started again from zero: count what it did since its restart
        targets.killed().forEach(b -> {
          before.put(b, TelemetrySnapshot.ZERO);
          relayBefore.put(b, BoardRelayCounters.ZERO);
        });
        plain = BenchRunner.report(o, ws, ref, ref, predictor, driver, sum(inv, before, after), ok, wallS, Map.of(),
            ws.plan().planVersion());
        bench = resolved.isEmpty() ? plain : plain.withFaults(BenchRunner.faultsReport(o, ref, driver, timeline,
            stallMs, Double.NaN, Double.NaN, null, inv.boards().size(), targets.restarts(), null));
      }
    }
    bench.settings().put("inventory", inv.source().toString());
    bench.settings().put("boards", inv.boards().size());
    bench.settings().put("isl", inv.isl().yamlName());
    List<int[][]> selections = ref.steps().stream().map(ReferenceGenerator.Step::selectedExperts).toList();
    Map<String, double[]> predicted = new LinkPrediction(ws.scenario(), ws.placement(), ws.plan(), o.slot())
        .perSatellite(selections);
    boolean clocksShared = inv.boards().stream().map(Board::host).distinct().count() == 1;
    List<BoardTiming> boards = new ArrayList<>();
    double linkAll = 0;
    double predAll = 0;
    long hopsAll = 0;
    long predHopsAll = 0;
    for (Board b : inv.boards()) {
      TelemetrySnapshot x = before.get(b);
      TelemetrySnapshot y = after.get(b);
      long hops = y.hops() - x.hops();
      double link = y.linkMs() - x.linkMs();
      long predHops = 0;
      double predMs = 0;
      for (String s : b.satellites()) {
        double[] p = predicted.getOrDefault(s, new double[2]);
        predHops += (long) p[0];
        predMs += p[1] * 1e3 * o.timeScale();
      }
      double n = Math.max(1, hops);
      // a frame's link time is its arrival minus the sender's send time: one clock only on one host
      double linkPerHop = clocksShared ? link / n : Double.NaN;
      double predPerHop = predHops == 0 ? Double.NaN : predMs / predHops;
      double ratio = linkPerHop / predPerHop;
      long drops = y.drops().values().stream().mapToLong(Long::longValue).sum()
          - x.drops().values().stream().mapToLong(Long::longValue).sum();
      BoardRelayCounters relay = inv.isl() == IslMode.MESH ? relayAfter.get(b).minus(relayBefore.get(b)) : null;
      boards.add(new BoardTiming(b.name(), b.satellites(), hops, (y.computeMs() - x.computeMs()) / n, linkPerHop,
          (y.queueMs() - x.queueMs()) / n, predHops, predPerHop, ratio, BoardTiming.verdict(ratio), drops,
          y.retries() - x.retries(), relay));
      linkAll += link;
      hopsAll += hops;
      predAll += predMs;
      predHopsAll += predHops;
    }
    double overall = clocksShared ? (linkAll / Math.max(1, hopsAll)) / (predAll / Math.max(1, predHopsAll))
        : bench.measuredOverPredicted();
    boolean relayReported = boards.stream().anyMatch(t -> t.relay() != null && t.relay().reported());
    return new BoardsBenchReport(bench, boards, clocksShared, BoardTiming.verdict(overall), overall, flashed,
        inv.isl(), relayReported);
  }

  /** A board's telemetry, waiting up to a minute for a board that is still coming back from a kill. */
  private static TelemetrySnapshot telemetryOnceBack(BoardTelemetryClient telemetry, Board b)
      throws java.io.IOException, InterruptedException {
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        return telemetry.get(b);
      } catch (java.io.IOException e) {
        if (System.nanoTime() > until) {
          throw new java.io.IOException(b.name() + " did not answer /telemetry within 60 s of the run's end: "
              + e.getMessage(), e);
        }
        Thread.sleep(500);
      }
    }
  }

  /** The run's telemetry summed over the boards: after minus before. */
  private static RunTelemetry sum(Inventory inv, Map<Board, TelemetrySnapshot> before,
      Map<Board, TelemetrySnapshot> after) {
    return RunTelemetry.sum(inv.boards().stream().map(after::get).toList(),
        inv.boards().stream().map(before::get).toList());
  }
}
