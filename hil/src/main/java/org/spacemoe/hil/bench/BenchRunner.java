package org.spacemoe.hil.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.spacemoe.ground.latency.TokenLatencyPredictor;
import org.spacemoe.ground.split.SplitLayout;
import org.spacemoe.hil.broker.EmbeddedBroker;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.reference.ReferenceGenerator;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.onboard.shard.ModelExecutors;
import org.spacemoe.onboard.shard.ShardLoader;
import org.spacemoe.shared.plan.LinkClass;
import org.spacemoe.shared.stats.ActivationStatistics;

/**
 * Runs a bench constellation in one process: broker (embedded unless given), model export and plan, one
 * onboard runtime hosting every satellite of the plan, a sequence generated through it, the reference run
 * of the same shards, and the comparison of measured with predicted latency.
 */
public final class BenchRunner {
  /** Largest tolerated difference between a distributed and a reference hidden state. */
  public static final double HIDDEN_TOLERANCE = 1e-5;

  private BenchRunner() {}

  public static BenchReport run(BenchOptions o, IntConsumer progress) throws Exception {
    if (o.newTokens() < 2) {
      throw new org.spacemoe.shared.input.InvalidInputException("--tokens", "must be >= 2 to measure a latency, got " + o.newTokens());
    }
    BenchWorkspace ws = BenchWorkspace.prepare(o);
    ReferenceGenerator.Generation ref;
    try (ModelExecutors exec = new ShardLoader(ws.modelDir(), ws.manifest()).loadAll()) {
      ref = new ReferenceGenerator(exec).generate(o.prompt(), o.newTokens());
    }
    TokenLatencyPredictor predictor = new TokenLatencyPredictor(ws.scenario(), ws.placement(), o.slot());
    EmbeddedBroker broker = "embedded".equals(o.broker()) ? EmbeddedBroker.launch() : null;
    String uri = broker != null ? broker.uri() : o.broker();
    OnboardConfig cfg = new OnboardConfig();
    cfg.setSatellites(ws.satellites());
    cfg.setBroker(uri);
    cfg.setDataDir(ws.dataDir().toString());
    cfg.setDevice(o.device());
    cfg.setLinkEmulation(o.linkEmulation());
    cfg.setComputeEmulation(o.computeEmulation());
    cfg.setCompensateTransit(o.compensateTransit());
    cfg.setTimeScale(o.timeScale());
    cfg.setPinnedSlot(o.slot());
    BenchUplink uplink = o.uplink() ? new BenchUplink(o.workDir()) : null;
    if (uplink != null) {
      uplink.configure(cfg, o.workDir());
    }
    Map<String, String> uplinkStages = Map.of();
    try (OnboardRuntime node = new OnboardRuntime(cfg).start();
        TokenDriver driver = new TokenDriver(uri)) {
      if (uplink != null) {
        uplinkStages = uplink.deliver(ws, uri, 120_000);
      }
      if (!node.isHealthy()) {
        throw new IllegalStateException("onboard runtime is unhealthy: " + node.health().get("reason"));
      }
      double perToken = predictor.tokenLatencyS(ref.selectedExperts()[0]);
      long timeoutMs = (long) (30_000 + 5_000 * perToken * o.timeScale() * (o.newTokens() + o.prompt().length));
      long t0 = System.nanoTime();
      boolean ok = driver.run(ws.plan().planVersion(), ws.plan().layers().get(0).gateway(), 1L, o.prompt(),
          o.newTokens(), o.checkHidden(), timeoutMs, progress);
      double wallS = (System.nanoTime() - t0) / 1e9;
      int[] generated = driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray();
      ReferenceGenerator.Generation onRunTokens = ref;
      if (!java.util.Arrays.equals(generated, ref.generated())) {
        // a lossy codec picked another token somewhere: compare position by position on the run's own tokens
        try (ModelExecutors exec = new ShardLoader(ws.modelDir(), ws.manifest()).loadAll()) {
          onRunTokens = new ReferenceGenerator(exec).replay(o.prompt(), generated);
        }
      }
      return report(o, ws, ref, onRunTokens, predictor, driver, RunTelemetry.of(node.telemetry()), ok, wallS, uplinkStages);
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  /**
   * @param ref the reference's own greedy run
   * @param onRunTokens the reference replayed on the run's tokens ({@code ref} itself when they are equal)
   */
  static BenchReport report(BenchOptions o, BenchWorkspace ws, ReferenceGenerator.Generation ref,
      ReferenceGenerator.Generation onRunTokens, TokenLatencyPredictor predictor, TokenDriver driver,
      RunTelemetry tel, boolean ok, double wallS, Map<String, String> uplinkStages) {
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
      matches = tokensMatch && (!o.checkHidden() || (compared > 0 && maxDiff <= HIDDEN_TOLERANCE));
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
          .allMatch(v -> v.equals("ACTIVE v" + ws.plan().planVersion())));
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
