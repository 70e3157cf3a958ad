package org.spacemoe.hil.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.spacemoe.ground.latency.TokenLatencyPredictor;
import org.spacemoe.ground.split.SplitLayout;
import org.spacemoe.hil.broker.BenchBroker;
import org.spacemoe.hil.faults.FaultSpec;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.reference.ReferenceGenerator;
import org.spacemoe.onboard.shard.ModelExecutors;
import org.spacemoe.onboard.shard.ShardLoader;
import org.spacemoe.shared.plan.LinkClass;
import org.spacemoe.shared.stats.ActivationStatistics;

/**
 * Runs a bench constellation in one process: broker (embedded unless given), model export and plan, one
 * onboard runtime hosting every satellite of the plan (with kill / hang faults: each target in its own, see
 * {@link BenchNodes}), a sequence generated through it, the reference run
 * of the same shards, and the comparison of measured with predicted latency.
 */
public final class BenchRunner {
  /** Largest tolerated difference between a distributed and a reference hidden state. */
  public static final double HIDDEN_TOLERANCE = 1e-5;
  /**
   * Largest tolerated difference when layers run tensor-parallel: the shares' attention terms are summed in another
   * order than the unsplit projection's, so hidden states differ by rounding that grows over the layers.
   */
  public static final double SPLIT_HIDDEN_TOLERANCE = 1e-4;
  /** Mesh: how long a run waits for the nodes' ISL connections to open before its first token, ms. */
  static final long ISL_LINKS_UP_TIMEOUT_MS = 120_000;

  private BenchRunner() {}

  public static BenchReport run(BenchOptions o, IntConsumer progress) throws Exception {
    return run(o, List.of(), progress);
  }

  /**
   * A bench run with faults injected ({@link FaultSpec}); without faults the run and its report are those of a plain
   * bench (one runtime, no {@code faults} section).
   */
  public static BenchReport run(BenchOptions o, List<FaultSpec> faults, IntConsumer progress) throws Exception {
    return run(o, faults, true, 0, progress);
  }

  /**
   * @param standbysForKilledGateways plan a standby for every layer's gateway when a fault kills a gateway (false:
   *     the run shows what a plan without standbys does)
   * @param giveUpMs the nodes' give-up time ({@code give-up-ms}); 0 keeps the node default
   */
  public static BenchReport run(BenchOptions o, List<FaultSpec> faults, boolean standbysForKilledGateways,
      long giveUpMs, IntConsumer progress) throws Exception {
    return run(o, faults, standbysForKilledGateways, giveUpMs, List.of(), 0, progress);
  }

  /** With calibration: see {@link #run(BenchOptions, List, boolean, long, List, int, IntConsumer)}. */
  public static BenchReport run(BenchOptions o, List<FaultSpec> faults, boolean standbysForKilledGateways,
      long giveUpMs, int calibrationTokens, IntConsumer progress) throws Exception {
    return run(o, faults, standbysForKilledGateways, giveUpMs, List.of(), calibrationTokens, progress);
  }

  /** With attacks: see {@link #run(BenchOptions, List, boolean, long, List, int, IntConsumer)}. */
  public static BenchReport run(BenchOptions o, List<FaultSpec> faults, boolean standbysForKilledGateways,
      long giveUpMs, List<String> attacks, IntConsumer progress) throws Exception {
    return run(o, faults, standbysForKilledGateways, giveUpMs, attacks, 0, progress);
  }

  /**
   * @param attacks {@link BenchAttacks} names (needs {@code uplink}) run against the node after the uplink and before
   *     the tokens; the plan is then uplinked as version {@link BenchAttacks#ACTIVE_VERSION} and the report's settings
   *     gain {@code attacks} and {@code allAttacksRefused}
   * @param calibrationTokens timed intervals of a calibration sequence run before the tokens to measure the per-hop
   *     software time ({@link HopCalibration}); 0: predict with the model alone. Runs with faults are not calibrated.
   */
  public static BenchReport run(BenchOptions o, List<FaultSpec> faults, boolean standbysForKilledGateways,
      long giveUpMs, List<String> attacks, int calibrationTokens, IntConsumer progress) throws Exception {
    return run(o, faults, standbysForKilledGateways, giveUpMs, attacks, calibrationTokens, progress,
        BenchObserver.NONE);
  }

  /** As {@link #run(BenchOptions, List, boolean, long, List, int, IntConsumer)}, telling {@code observer}. */
  public static BenchReport run(BenchOptions o, List<FaultSpec> faults, boolean standbysForKilledGateways,
      long giveUpMs, List<String> attacks, int calibrationTokens, IntConsumer progress, BenchObserver observer)
      throws Exception {
    if (!attacks.isEmpty() && !o.uplink()) {
      throw new org.spacemoe.shared.input.InvalidInputException("--attacks", "needs --uplink (the attacks go through"
          + " the uplink's signed commands and plans)");
    }
    if (o.newTokens() < 2) {
      throw new org.spacemoe.shared.input.InvalidInputException("--tokens", "must be >= 2 to measure a latency, got " + o.newTokens());
    }
    boolean withFaults = !faults.isEmpty();
    boolean ownBroker = "embedded".equals(o.broker()) || "mosquitto".equals(o.broker());
    if (!ownBroker && faults.stream().anyMatch(f -> f.kind() == FaultSpec.Kind.BROKER_DOWN)) {
      throw new InvalidInputException("--faults", "broker-down needs a broker the bench runs (--broker embedded or "
          + "mosquitto); it cannot stop the external broker " + o.broker());
    }
    boolean standbys = standbysForKilledGateways
        && faults.stream().anyMatch(f -> f.kind() == FaultSpec.Kind.KILL && f.gatewayOfLayer() >= 0);
    BenchWorkspace ws = BenchWorkspace.prepare(o, standbys);
    // with ISLs as links every satellite on a route runs and forwards frames
    MeshMembers members = o.mesh() ? MeshMembers.of(ws.scenario(), o.slot(), ws.satellites()) : null;
    List<String> nodeSatellites = members == null ? ws.satellites() : members.satellites();
    List<FaultSpec> resolved = resolve(faults, ws, o, members);
    java.util.Set<String> isolated = new java.util.LinkedHashSet<>();
    // a satellite whose own broker goes down runs in its own runtime: only it loses its endpoint
    resolved.stream().filter(f -> f.kind() == FaultSpec.Kind.KILL || f.kind() == FaultSpec.Kind.HANG
            || f.kind() == FaultSpec.Kind.ISL_BROKER_DOWN)
        .filter(f -> f.satellite() != null).forEach(f -> isolated.add(f.satellite()));
    if (!isolated.isEmpty() && o.uplink()) {
      throw new InvalidInputException("--faults", "kill and hang faults do not combine with --uplink");
    }
    // the calibration sequence may be longer than the run: the reference covers both
    int calibrationSequence = withFaults || calibrationTokens <= 0 ? 0
        : calibrationTokens + HopCalibration.WARMUP_TOKENS + 1;
    ReferenceGenerator.Generation longRef;
    try (ModelExecutors exec = new ShardLoader(ws.modelDir(), ws.manifest()).loadAll()) {
      longRef = new ReferenceGenerator(exec).generate(o.prompt(), Math.max(o.newTokens(), calibrationSequence));
    }
    ReferenceGenerator.Generation ref = longRef.prefix(o.newTokens());
    org.spacemoe.ground.scenario.Scenario scenario = ws.scenario().withRelaysPayingHopOverhead(o.mesh());
    TokenLatencyPredictor modelOnly = new TokenLatencyPredictor(scenario, ws.placement(), o.slot());
    BenchBroker broker = BenchBroker.open(o.broker(), o.workDir());
    String uri = broker.uri();
    observer.pinnedSlot(o.slot());
    observer.brokerReady(uri, ws.plan());
    Map<String, BenchBroker> islBrokers = new LinkedHashMap<>();
    List<String> islEndpoints = new ArrayList<>();
    for (FaultSpec f : resolved) {
      if (f.kind() == FaultSpec.Kind.ISL_BROKER_DOWN && !islBrokers.containsKey(f.satellite())) {
        BenchBroker own = BenchBroker.open("mosquitto", o.workDir().resolve("isl-" + f.satellite()));
        islBrokers.put(f.satellite(), own);
        islEndpoints.add(f.satellite() + "=" + own.uri());
      }
    }
    BenchUplink uplink = o.uplink() ? new BenchUplink(o.workDir()) : null;
    // one MQTT session per node and run: a restarted node (hang) resumes its session, another run never does
    String runId = Long.toHexString(System.nanoTime() & 0xffffffffL);
    java.util.function.Function<List<String>, OnboardConfig> configFor = sats -> {
      OnboardConfig cfg = new OnboardConfig();
      cfg.setSatellites(sats);
      cfg.setClientId("bench-" + runId + "-" + Integer.toHexString(String.join(",", sats).hashCode()));
      cfg.setBroker(uri);
      cfg.setDataDir(ws.dataDir().toString());
      cfg.setDevice(o.device());
      cfg.setLinkEmulation(o.linkEmulation());
      cfg.setComputeEmulation(o.computeEmulation());
      cfg.setCompensateTransit(o.compensateTransit());
      cfg.setTimeScale(o.timeScale());
      cfg.setPinnedSlot(o.slot());
      cfg.setIsl(o.mesh() ? "mesh" : "shared");
      cfg.setIslEndpoints(islEndpoints);
      for (FaultSpec f : resolved) {
        switch (f.kind()) {
          case LOSS -> cfg.setLinkLoss(f.probability());
          case DUP -> cfg.setLinkDup(f.probability());
          case REORDER -> cfg.setLinkReorder(f.probability());
          default -> { }
        }
      }
      cfg.setLinkFaultSeed(o.seed());
      if (giveUpMs > 0) {
        cfg.setGiveUpMs(giveUpMs);
      }
      if (uplink != null) {
        try {
          uplink.configure(cfg, o.workDir());
        } catch (Exception e) {
          throw new IllegalStateException("cannot configure the uplink: " + e.getMessage(), e);
        }
      }
      return cfg;
    };
    Map<String, String> uplinkStages = Map.of();
    Map<String, BenchAttacks.Outcome> attackOutcomes = new LinkedHashMap<>();
    long runVersion = attacks.isEmpty() ? ws.plan().planVersion() : BenchAttacks.ACTIVE_VERSION;
    try (BenchNodes nodes = new BenchNodes(nodeSatellites, isolated, configFor).start();
        TokenDriver driver = new TokenDriver(uri);
        FaultTimeline timeline = new FaultTimeline(resolved, broker, islBrokers, nodes)) {
      if (uplink != null) {
        uplinkStages = uplink.deliver(ws, uri, 120_000, runVersion);
      }
      if (!attacks.isEmpty()) {
        try (org.spacemoe.ground.ops.uplink.UplinkSession attacker =
            new org.spacemoe.ground.ops.uplink.UplinkSession(uri)) {
          attackOutcomes.putAll(new BenchAttacks(ws, uplink, nodes, attacker).run(attacks));
        }
      }
      if (!nodes.isHealthy()) {
        throw new IllegalStateException("onboard runtime is unhealthy: " + nodes.unhealthyReason());
      }
      if (o.mesh()) {
        BenchNodes.IslLinksWait w = nodes.awaitIslLinks(ISL_LINKS_UP_TIMEOUT_MS);
        if (!w.allUp()) {
          System.err.printf("warning: after %d s, %d ISL connections still not up and %d nodes still opening their"
              + " routes' links; starting anyway%n", ISL_LINKS_UP_TIMEOUT_MS / 1000, w.linksNotUp(),
              w.nodesStillOpening());
        }
      }
      double perToken = modelOnly.tokenLatencyS(ref.selectedExperts()[0]);
      long timeoutMs = (long) (30_000 + 5_000 * perToken * o.timeScale() * (Math.max(o.newTokens(), calibrationSequence) + o.prompt().length));
      long stallMs = (long) Math.max(2_000, 4_000 * perToken * o.timeScale()); // broker restarts happen unasked too
      HopCalibration calibration = calibrationSequence == 0 ? HopCalibration.NONE
          : calibrate(ws, scenario, longRef, o, uri, calibrationSequence, timeoutMs, nodes, runVersion);
      TokenLatencyPredictor predictor = calibration.tokens() == 0 ? modelOnly
          : new TokenLatencyPredictor(calibration.apply(scenario, o.timeScale()), ws.placement(), o.slot());
      double[] heapStart = {Double.NaN};
      Runnable onStart = !withFaults ? () -> { } : () -> {
        heapStart[0] = FaultsReport.heapAfterGcMiB();
        long t = System.nanoTime();
        timeline.start(t);
        nodes.startMonitor(t);
      };
      if (o.mesh()) {
        driver.watchIslDestinations(ws.satellites());
      }
      long t0 = System.nanoTime();
      long timedSeq = TokenDriver.newSequenceId();
      Runnable onStartObserved = () -> {
        onStart.run();
        observer.timedSequence(timedSeq, System.nanoTime(), o.newTokens(), o.prompt().length - 1);
      };
      boolean ok = driver.run(runVersion, ws.plan().layers().get(0).gateway(), timedSeq, o.prompt(),
          o.newTokens(), o.checkHidden(), timeoutMs, stallMs, onStartObserved, progress);
      double wallS = (System.nanoTime() - t0) / 1e9;
      int[] generated = driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray();
      ReferenceGenerator.Generation onRunTokens = ref;
      if (!java.util.Arrays.equals(generated, ref.generated())) {
        // a lossy codec picked another token somewhere: compare position by position on the run's own tokens
        try (ModelExecutors exec = new ShardLoader(ws.modelDir(), ws.manifest()).loadAll()) {
          onRunTokens = new ReferenceGenerator(exec).replay(o.prompt(), generated);
        }
      }
      BenchReport r = report(o, ws, ref, onRunTokens, predictor, driver, nodes.telemetry(), ok, wallS, uplinkStages,
          runVersion).withHopCalibration(predictedMean(o, onRunTokens, modelOnly, driver.arrivals().size()), calibration);
      Map<Long, Double> predictedByStep = new LinkedHashMap<>();
      r.perToken().forEach(t -> predictedByStep.put(t.step(), t.predictedS()));
      observer.predicted(timedSeq, predictedByStep);
      r.settings().put("isl", o.mesh() ? "mesh" : "shared");
      if (o.mesh()) {
        awaitReleased(nodes); // the sequence's last frames have crossed their links
        r = r.withMesh(meshReport(o, ws, onRunTokens, driver.arrivals().size(), nodeSatellites, nodes, calibration));
      }
      if (!attacks.isEmpty()) {
        r.settings().put("attacks", attackOutcomes);
        r.settings().put("allAttacksRefused", attackOutcomes.values().stream().allMatch(BenchAttacks.Outcome::refused));
      }
      if (!withFaults) {
        return r;
      }
      // the end of the sequence reaches every gateway as an END frame: measure once its state is released
      awaitReleased(nodes);
      double heapEnd = FaultsReport.heapAfterGcMiB();
      return r.withFaults(faultsReport(o, ref, driver, timeline, stallMs, heapStart[0], heapEnd,
          nodes.duplicatesIgnored(), nodes.runtimes(), nodes.restarts(), nodes.recovery()));
    } finally {
      broker.close();
      islBrokers.values().forEach(BenchBroker::close);
    }
  }

  /**
   * Warms the nodes up with an untimed sequence of the same prompt (it selects the same experts as the timed run, so
   * every ONNX session the run uses has run once: first runs are many times slower), then generates a calibration
   * sequence through the same broker and nodes (own sequence ids and drivers) and measures the per-hop software time
   * from it.
   */
  private static HopCalibration calibrate(BenchWorkspace ws, org.spacemoe.ground.scenario.Scenario scenario,
      ReferenceGenerator.Generation ref, BenchOptions o, String uri, int tokens, long timeoutMs, BenchNodes nodes,
      long planVersion) throws Exception {
    sequence(ws, o, uri, Math.min(Math.max(o.newTokens(), tokens), HopCalibration.MAX_WARMUP_SEQUENCE_TOKENS),
        timeoutMs, "warm-up", planVersion);
    awaitReleased(nodes);
    List<TokenDriver.Arrival> arrivals = sequence(ws, o, uri, tokens, timeoutMs, "calibration", planVersion);
    awaitReleased(nodes);
    int[] got = arrivals.stream().mapToInt(TokenDriver.Arrival::token).toArray();
    ReferenceGenerator.Generation basis = ref;
    if (!java.util.Arrays.equals(got, java.util.Arrays.copyOf(ref.generated(), got.length))) {
      // a lossy cut codec picked another token: calibrate on the sequence's own tokens (and the experts they select)
      try (ModelExecutors exec = new ShardLoader(ws.modelDir(), ws.manifest()).loadAll()) {
        basis = new ReferenceGenerator(exec).replay(o.prompt(), got);
      }
    }
    return HopCalibration.of(arrivals, basis, o.prompt(), scenario, ws.placement(), o.slot(), o.timeScale());
  }

  /** Waits (at most 10 s) until every node released its sequences: the next one starts on idle nodes. */
  private static void awaitReleased(BenchNodes nodes) throws InterruptedException {
    long by = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (nodes.sequencesHeld() > 0 && System.nanoTime() < by) {
      Thread.sleep(20);
    }
  }

  /** Generates {@code tokens} of the prompt in a sequence of its own; its token arrivals. */
  private static List<TokenDriver.Arrival> sequence(BenchWorkspace ws, BenchOptions o, String uri, int tokens,
      long timeoutMs, String what, long planVersion) throws Exception {
    try (TokenDriver d = new TokenDriver(uri)) {
      // the same subscriptions as the timed run: the frames it watches cost the broker and the nodes the same time
      if (o.mesh()) {
        d.watchIslDestinations(ws.satellites());
      }
      if (!d.run(planVersion, ws.plan().layers().get(0).gateway(), TokenDriver.newSequenceId(),
          o.prompt(), tokens, o.checkHidden(), timeoutMs, x -> { })) {
        throw new IllegalStateException("the " + what + " sequence did not complete: " + d.errors());
      }
      return d.arrivals();
    }
  }

  /** Mean time-scaled prediction of the run's timed tokens (every arrival after the first), s. */
  private static double predictedMean(BenchOptions o, ReferenceGenerator.Generation onRunTokens,
      TokenLatencyPredictor predictor, int arrivals) {
    int stepOffset = o.prompt().length - 1;
    double sum = 0;
    int n = 0;
    for (int j = 1; j < arrivals; j++) {
      sum += predictor.tokenLatencyS(onRunTokens.steps().get(stepOffset + j).selectedExperts()) * o.timeScale();
      n++;
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** The mesh section: the nodes' relay counters and the critical path's frame and ISL hops per timed token. */
  private static MeshReport meshReport(BenchOptions o, BenchWorkspace ws, ReferenceGenerator.Generation onRunTokens,
      int arrivals, List<String> nodeSatellites, BenchNodes nodes, HopCalibration calibration) {
    org.spacemoe.ground.scenario.Scenario probe = ws.scenario().withHopOverheadS(1e-9);
    TokenLatencyPredictor frames = new TokenLatencyPredictor(probe, ws.placement(), o.slot());
    TokenLatencyPredictor isl = new TokenLatencyPredictor(probe.withRelaysPayingHopOverhead(true), ws.placement(),
        o.slot());
    double frameHops = 0;
    double islHops = 0;
    int n = 0;
    int stepOffset = o.prompt().length - 1;
    for (int j = 1; j < arrivals && stepOffset + j < onRunTokens.steps().size(); j++) {
      int[][] sel = onRunTokens.steps().get(stepOffset + j).selectedExperts();
      frameHops += overheadS(frames, sel) / 1e-9;
      islHops += overheadS(isl, sel) / 1e-9;
      n++;
    }
    int outside = (int) nodeSatellites.stream().filter(s -> !ws.satellites().contains(s)).count();
    return MeshReport.of(nodeSatellites.size(), outside, nodes.relays(), n == 0 ? 0 : frameHops / n,
        n == 0 ? 0 : islHops / n, calibration.hopOverheadMs());
  }

  private static double overheadS(TokenLatencyPredictor p, int[][] selected) {
    double s = 0;
    for (org.spacemoe.ground.latency.LayerTime t : p.tokenLayers(selected)) {
      s += t.overheadS();
    }
    return s;
  }

  /**
   * Resolves {@code kill:gateway-of-layer-N} to the satellite of layer N's gateway; checks named satellites, and that
   * a {@code link-down} joins two satellites the mesh runs that are neighbours in the bench's slot.
   */
  static List<FaultSpec> resolve(List<FaultSpec> faults, BenchWorkspace ws, BenchOptions o, MeshMembers members) {
    List<FaultSpec> out = new ArrayList<>();
    List<FaultSpec> rest = new ArrayList<>();
    for (FaultSpec f : faults) {
      if (f.kind() == FaultSpec.Kind.ISL_BROKER_DOWN) {
        if (!o.mesh()) {
          throw new InvalidInputException("--faults", "'" + f.text() + "': isl-broker-down needs --isl mesh (a "
              + "satellite has a broker of its own only in the mesh)");
        }
        requireInMesh(f, f.satellite(), members);
        if (org.spacemoe.hil.broker.MosquittoBroker.executable() == null) {
          throw new InvalidInputException("--faults", "'" + f.text() + "': needs mosquitto for the satellite's own "
              + "broker (apt-get install mosquitto, or -Dspacemoe.mosquitto=PATH)");
        }
        out.add(f);
        continue;
      }
      if (f.kind() != FaultSpec.Kind.LINK_DOWN) {
        rest.add(f);
        continue;
      }
      if (!o.mesh()) {
        throw new InvalidInputException("--faults", "'" + f.text() + "': link-down needs --isl mesh (through the "
            + "shared broker a link is a delay, not a connection)");
      }
      requireInMesh(f, f.satellite(), members);
      requireInMesh(f, f.peer(), members);
      if (!members.linked(f.satellite(), f.peer())) {
        throw new InvalidInputException("--faults", "'" + f.text() + "': " + f.satellite() + " and " + f.peer()
            + " have no ISL in slot " + o.slot());
      }
      out.add(f);
    }
    out.addAll(resolve(rest, ws));
    return out;
  }

  private static void requireInMesh(FaultSpec f, String satellite, MeshMembers members) {
    if (!members.satellites().contains(satellite)) {
      throw new InvalidInputException("--faults", "'" + f.text() + "': satellite " + satellite + " is not on a route"
          + " of this bench (the mesh runs " + members.satellites().size() + " satellites)");
    }
  }

  /** Resolves {@code kill:gateway-of-layer-N} to the satellite of layer N's gateway; checks named satellites. */
  static List<FaultSpec> resolve(List<FaultSpec> faults, BenchWorkspace ws) {
    List<FaultSpec> out = new ArrayList<>();
    int layers = ws.plan().layers().size();
    for (FaultSpec f : faults) {
      if (f.gatewayOfLayer() >= 0) {
        if (f.gatewayOfLayer() >= layers) {
          throw new InvalidInputException("--faults", "'" + f.text() + "': the plan has layers 0.." + (layers - 1)
              + " (numbered as in the report's per-layer table)");
        }
        out.add(f.withSatellite(ws.plan().layers().get(f.gatewayOfLayer()).gateway()));
      } else {
        if (f.satellite() != null && !ws.satellites().contains(f.satellite())) {
          throw new InvalidInputException("--faults", "'" + f.text() + "': no satellite " + f.satellite()
              + " in the plan; its satellites: " + ws.satellites());
        }
        out.add(f);
      }
    }
    return out;
  }

  /** The faults section of a run's report, from the driver's view of the tokens and the nodes' counters. */
  static FaultsReport faultsReport(BenchOptions o, ReferenceGenerator.Generation ref, TokenDriver driver,
      FaultTimeline timeline, long stallMs, double heapStart, double heapEnd, Long duplicatesIgnored, int runtimes,
      List<FaultsReport.NodeRestart> restarts, FaultsReport.Recovery recovery) {
    List<TokenDriver.Arrival> arrivals = driver.arrivals();
    int[] generated = arrivals.stream().mapToInt(TokenDriver.Arrival::token).toArray();
    int completed = arrivals.size();
    // the bench runs one sequence: once it failed, every token it did not produce failed with the first reason
    Map<String, Integer> failed = driver.errors().isEmpty() || completed >= o.newTokens() ? Map.of()
        : Map.of(FaultsReport.reason(driver.errors().get(0)), o.newTokens() - completed);
    int failedCount = failed.values().stream().mapToInt(Integer::intValue).sum();
    double maxStall = 0;
    long prev = driver.startNanos();
    for (TokenDriver.Arrival a : driver.arrivalsInArrivalOrder()) {
      maxStall = Math.max(maxStall, (a.nanos() - prev) / 1e9);
      prev = a.nanos();
    }
    return new FaultsReport(timeline.injections(), o.newTokens(), completed,
        FaultsReport.identicalPrefix(generated, ref.generated()), failed,
        Math.max(0, o.newTokens() - completed - failedCount), duplicatesIgnored, driver.duplicateTokenResults(),
        driver.startsRepublished(), driver.reconnects(), stallMs / 1e3, maxStall, heapStart, heapEnd,
        runtimes, restarts, recovery);
  }

  /**
   * @param ref the reference's own greedy run
   * @param onRunTokens the reference replayed on the run's tokens ({@code ref} itself when they are equal)
   */
  static BenchReport report(BenchOptions o, BenchWorkspace ws, ReferenceGenerator.Generation ref,
      ReferenceGenerator.Generation onRunTokens, TokenLatencyPredictor predictor, TokenDriver driver,
      RunTelemetry tel, boolean ok, double wallS, Map<String, String> uplinkStages, long runVersion) {
    List<TokenDriver.Arrival> arrivals = driver.arrivals();
    int[] generated = arrivals.stream().mapToInt(TokenDriver.Arrival::token).toArray();
    String codecName = o.split() != null && ws.lossyLinks() ? "split" : o.codec().wireName();
    CodecAccuracy accuracy = CodecAccuracy.measure(codecName, !ws.lossyLinks(), onRunTokens, driver.hiddenStates(), generated,
        o.checkHidden() ? driver.wire() : null, driver.requestedExperts());
    double maxDiff = o.checkHidden() ? (accuracy.hiddenStatesCompared() == 0 ? 0 : accuracy.maxHiddenAbsDiff())
        : Double.NaN;
    int compared = accuracy.hiddenStatesCompared();
    boolean matches;
    if (!ws.lossyLinks()) {
      // exact: the same tokens and every hidden state within float noise of the reference
      boolean tokensMatch = ok && java.util.Arrays.equals(generated, ref.generated());
      double tolerance = ws.tensorParallel() ? SPLIT_HIDDEN_TOLERANCE : HIDDEN_TOLERANCE;
      matches = tokensMatch && (!o.checkHidden() || (compared > 0 && maxDiff <= tolerance));
    } else {
      // lossy: within the tolerance on the run's own tokens
      matches = ok && generated.length == o.newTokens() && accuracy.withinTolerance(o.checkHidden());
    }
    List<BenchReport.TokenTiming> perToken = new ArrayList<>();
    double measuredSum = 0;
    double predictedSum = 0;
    int stepOffset = o.prompt().length - 1;
    for (int j = 1; j < arrivals.size(); j++) {
      TokenDriver.Arrival a = arrivals.get(j);
      double measured = (a.nanos() - arrivals.get(j - 1).nanos()) / 1e9;
      double predicted = predictor.tokenLatencyS(onRunTokens.steps().get(stepOffset + j).selectedExperts())
          * o.timeScale();
      perToken.add(new BenchReport.TokenTiming(a.step(), a.token(), measured, predicted));
      measuredSum += measured;
      predictedSum += predicted;
    }
    int n = perToken.size();
    double measuredMean = n == 0 ? Double.NaN : measuredSum / n;
    double predictedMean = n == 0 ? Double.NaN : predictedSum / n;
    int tokensSeen = Math.max(1, arrivals.size());
    List<BenchReport.LayerTiming> layers = new ArrayList<>();
    int steps = onRunTokens.steps().size();
    tel.perLayerTotalsMs().forEach((layer, t) -> layers.add(new BenchReport.LayerTiming(layer, t[0] / steps,
        t[1] / steps, t[2] / steps, t[3] / steps)));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("preset", o.preset());
    settings.put("prompt", o.prompt());
    settings.put("timeScale", o.timeScale());
    settings.put("broker", o.broker());
    settings.put("strategy", o.strategy());
    settings.put("linkEmulation", o.linkEmulation());
    settings.put("computeEmulation", o.computeEmulation());
    settings.put("compensateTransit", o.compensateTransit());
    settings.put("slot", o.slot());
    settings.put("seed", o.seed());
    settings.put("codec", o.codec().wireName());
    settings.put("zipf", o.zipf());
    settings.put("device", o.device());
    settings.put("constellation", ws.scenario().constellation().id());
    settings.put("satellites", ws.satellites().size());
    if (ws.tensorParallel()) {
      settings.put("attentionWidths", ws.placement().split().attentionWidths());
      settings.put("headWidth", ws.placement().split().headWidth());
      settings.put("hiddenTolerance", SPLIT_HIDDEN_TOLERANCE);
    }
    settings.put("wallSeconds", wallS);
    settings.put("uplink", o.uplink());
    if (o.split() != null) {
      SplitLayout split = SplitLayout.read(o.split());
      Map<String, Object> sp = new LinkedHashMap<>();
      sp.put("file", o.split().toString());
      sp.put("stageSatellites", split.satellites());
      sp.put("stageEnds", split.plan().ends());
      sp.put("plannedCutCodecs", split.plan().cutCodecs().stream().map(c -> c.wireName()).toList());
      List<String> wire = new ArrayList<>();
      for (int cut = 0; cut < split.plan().cutCodecs().size(); cut++) {
        int layer = split.plan().ends().get(cut) - 1;
        wire.add(layer >= 1 && layer < ws.plan().layers().size()
            ? ws.plan().codecFor(LinkClass.HIDDEN, layer).name().toLowerCase(java.util.Locale.ROOT)
            : "none (runs with its layer)");
      }
      sp.put("cutCodecsOnTheWire", wire);
      sp.put("embedAndHeadWithTheirLayers", split.embedAndHeadWithTheirLayers());
      settings.put("split", sp);
    }
    if (o.uplink()) {
      settings.put("uplinkStages", uplinkStages);
      settings.put("allActiveOnPlanVersion", uplinkStages.values().stream()
          .allMatch(v -> v.equals("ACTIVE v" + runVersion)));
    }
    return new BenchReport(arrivals.size(), matches, generated, ref.generated(), maxDiff, compared, accuracy,
        measuredMean, predictedMean, measuredMean / predictedMean,
        expected(ws, predictor, o) * o.timeScale(), tokensSeen / wallS, 1 / measuredMean, tel.perHopMs(), layers,
        tel.drops(), tel.expertActivations(), driver.errors(), perToken, settings);
  }

  /** Mean of the predictor over top-k draws from the planner's statistics (same slot). */
  private static double expected(BenchWorkspace ws, TokenLatencyPredictor predictor, BenchOptions o) {
    ActivationStatistics stats = ws.scenario().stats();
    int layers = stats.layers();
    int k = ws.scenario().model().topK();
    SplittableRandom rnd = new SplittableRandom(o.seed());
    double sum = 0;
    int draws = 2000;
    int[][] sel = new int[layers][k];
    for (int d = 0; d < draws; d++) {
      for (int l = 0; l < layers; l++) {
        stats.sampleTopK(l, k, rnd, sel[l]);
      }
      sum += predictor.tokenLatencyS(sel);
    }
    return sum / draws;
  }

}
