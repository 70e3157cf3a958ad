package org.spacemoe.hil.bench;

import org.hipparchus.stat.descriptive.rank.Median;
import org.spacemoe.ground.latency.LayerTime;
import org.spacemoe.ground.latency.TokenLatencyPredictor;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.onboard.reference.ReferenceGenerator;

/**
 * The software time one frame hop costs on this bench, measured in the same run, through the same broker and nodes,
 * under the same load, before the timed tokens: after an untimed warm-up sequence of the same prompt (the run's length,
 * at most {@value #MAX_WARMUP_SEQUENCE_TOKENS} tokens: every ONNX session the run uses then has run once), a
 * calibration sequence of the same prompt is generated, its first {@link #WARMUP_TOKENS} intervals are left out, and
 *
 * <pre>
 * hop overhead = median over the tokens of (measured interval - time scale x model-only prediction) / frame hops
 * </pre>
 *
 * where the frame hops are those on each token's critical path ({@link TokenLatencyPredictor} with a vanishing
 * overhead counts them). The value is clamped at 0. It carries everything the model lacks per hop: encode, broker,
 * decode, dispatch, queueing and the computer's excess over the device's nominal compute.
 *
 * @param tokens calibration intervals used (0: not calibrated)
 * @param hopOverheadMs software time per frame hop, real ms (not scaled by the time scale)
 * @param framesPerToken mean frame hops on the critical path per token
 * @param measuredMeanS mean measured calibration interval, s
 * @param modelOnlyMeanS mean model-only prediction of the same tokens (time-scaled), s
 */
public record HopCalibration(int tokens, double hopOverheadMs, double framesPerToken, double measuredMeanS,
    double modelOnlyMeanS) {
  /** Intervals of the calibration sequence left out at its start. */
  public static final int WARMUP_TOKENS = 3;
  /** The untimed warm-up sequence before the calibration has the run's length, at most this many tokens. */
  public static final int MAX_WARMUP_SEQUENCE_TOKENS = 64;
  /** No calibration: the model-only prediction. */
  public static final HopCalibration NONE = new HopCalibration(0, 0, 0, Double.NaN, Double.NaN);
  private static final double PROBE_S = 1e-9;

  /**
   * From a calibration sequence's arrivals; intervals whose token differs from the reference's are left out (their
   * expert selections are not known).
   *
   * @param arrivals the calibration sequence's token results, in step order
   */
  static HopCalibration of(java.util.List<TokenDriver.Arrival> arrivals, ReferenceGenerator.Generation ref,
      int[] prompt, Scenario scenario, Placement placement, int slot, double timeScale) {
    TokenLatencyPredictor model = new TokenLatencyPredictor(scenario, placement, slot);
    TokenLatencyPredictor probe = new TokenLatencyPredictor(scenario.withHopOverheadS(PROBE_S), placement, slot);
    int stepOffset = prompt.length - 1;
    double measured = 0;
    double modelled = 0;
    double frames = 0;
    int n = 0;
    java.util.List<Double> perHop = new java.util.ArrayList<>();
    for (int j = WARMUP_TOKENS + 1; j < arrivals.size(); j++) {
      int ix = stepOffset + j;
      if (ix >= ref.steps().size() || arrivals.get(j).token() != ref.generated()[j]) {
        break;
      }
      int[][] sel = ref.steps().get(ix).selectedExperts();
      double interval = (arrivals.get(j).nanos() - arrivals.get(j - 1).nanos()) / 1e9;
      double model1 = model.tokenLatencyS(sel) * timeScale;
      measured += interval;
      modelled += model1;
      double overhead = 0;
      for (LayerTime t : probe.tokenLayers(sel)) {
        overhead += t.overheadS();
      }
      double frames1 = overhead / PROBE_S;
      frames += frames1;
      if (frames1 > 0) {
        perHop.add((interval - model1) / frames1);
      }
      n++;
    }
    if (n == 0 || frames == 0) {
      return NONE;
    }
    // the median token: a descheduled moment on a loaded computer stretches a few intervals, not the typical one
    double perHopS = Math.max(0, new Median().evaluate(perHop.stream().mapToDouble(Double::doubleValue).toArray()));
    return new HopCalibration(n, perHopS * 1e3, frames / n, measured / n, modelled / n);
  }

  /** The scenario to predict the timed tokens with: the calibrated overhead in model time (divided by the scale). */
  public Scenario apply(Scenario scenario, double timeScale) {
    return tokens == 0 ? scenario : scenario.withHopOverheadS(hopOverheadMs / 1e3 / timeScale);
  }
}
