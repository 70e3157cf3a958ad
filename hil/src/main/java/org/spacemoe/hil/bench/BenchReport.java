package org.spacemoe.hil.bench;

import java.util.List;
import java.util.Map;

/**
 * What a bench run measured, next to what the planner predicted for the same plan, slot and expert
 * selections. Times in s unless the name says ms.
 *
 * @param tokens tokens generated
 * @param matchesReference fp32: the distributed tokens equal the single-process reference's, and every observed
 *     inter-layer hidden state is within 1e-5 of the reference's; fp16 / int8: every token arrived and {@link
 *     CodecAccuracy#withinTolerance} (see {@link CodecAccuracy#comparison()})
 * @param maxHiddenAbsDiff largest absolute difference of an observed hidden state (NaN when not checked)
 * @param hiddenStatesCompared inter-layer hidden states compared
 * @param accuracy the codec's bytes and accuracy against the reference replayed on the run's tokens
 * @param measuredMeanTokenLatencyS mean time between consecutive generated tokens
 * @param predictedMeanTokenLatencyS the evaluator's formula for the same tokens' actual expert selections,
 *     the pinned slot, no link failures, with the hop overhead calibrated in the same run ({@code hopCalibration})
 * @param measuredOverPredicted their ratio
 * @param expectedTokenLatencyS the evaluator's expectation over the activation statistics at the same slot
 * @param tokensPerSecond generated tokens / wall time from the sequence start to the last token (includes the
 *     prompt's steps and the driver's subscribe): end to end
 * @param decodeTokensPerSecond 1 / measuredMeanTokenLatencyS: the steady decoding rate, token to token
 * @param perHop mean per-hop compute, link (send decision to arrival, including the emulated hold) and queue
 *     time across all nodes, ms
 * @param perLayer per layer: hops handled and mean compute / link / queue per token, ms
 * @param droppedFrames drops by reason (empty when nothing was dropped)
 * @param expertActivations activations counted onboard per {@code layer/expert}
 * @param perToken per generated token after the first: step, token, measured and predicted latency
 * @param settings the run's settings
 * @param predictedModelOnlyS the same prediction without any per-hop software time (the planner's model as the
 *     paper has it)
 * @param hopCalibration how the per-hop software time was measured in this run ({@link HopCalibration#NONE}: not)
 * @param faults what {@code --faults} injected and how the run coped (null, and absent from the JSON, without faults)
 * @param mesh what the ISL mesh did ({@code --isl mesh}; null, and absent from the JSON, through a shared broker)
 */
public record BenchReport(
    int tokens,
    boolean matchesReference,
    int[] generatedTokens,
    int[] referenceTokens,
    double maxHiddenAbsDiff,
    int hiddenStatesCompared,
    CodecAccuracy accuracy,
    double measuredMeanTokenLatencyS,
    double predictedMeanTokenLatencyS,
    double measuredOverPredicted,
    double expectedTokenLatencyS,
    double tokensPerSecond,
    double decodeTokensPerSecond,
    Map<String, Double> perHop,
    List<LayerTiming> perLayer,
    Map<String, Long> droppedFrames,
    Map<String, Long> expertActivations,
    List<String> errors,
    List<TokenTiming> perToken,
    Map<String, Object> settings,
    double predictedModelOnlyS,
    HopCalibration hopCalibration,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    FaultsReport faults,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    MeshReport mesh) {

  /** A run without faults. */
  public BenchReport(int tokens, boolean matchesReference, int[] generatedTokens, int[] referenceTokens,
      double maxHiddenAbsDiff, int hiddenStatesCompared, CodecAccuracy accuracy, double measuredMeanTokenLatencyS,
      double predictedMeanTokenLatencyS, double measuredOverPredicted, double expectedTokenLatencyS,
      double tokensPerSecond, double decodeTokensPerSecond, Map<String, Double> perHop, List<LayerTiming> perLayer,
      Map<String, Long> droppedFrames, Map<String, Long> expertActivations, List<String> errors,
      List<TokenTiming> perToken, Map<String, Object> settings) {
    this(tokens, matchesReference, generatedTokens, referenceTokens, maxHiddenAbsDiff, hiddenStatesCompared, accuracy,
        measuredMeanTokenLatencyS, predictedMeanTokenLatencyS, measuredOverPredicted, expectedTokenLatencyS,
        tokensPerSecond, decodeTokensPerSecond, perHop, perLayer, droppedFrames, expertActivations, errors, perToken,
        settings, predictedMeanTokenLatencyS, HopCalibration.NONE, null, null);
  }

  /** This report predicted with a calibrated hop overhead; {@code modelOnlyS}: the prediction without it. */
  public BenchReport withHopCalibration(double modelOnlyS, HopCalibration c) {
    return new BenchReport(tokens, matchesReference, generatedTokens, referenceTokens, maxHiddenAbsDiff,
        hiddenStatesCompared, accuracy, measuredMeanTokenLatencyS, predictedMeanTokenLatencyS, measuredOverPredicted,
        expectedTokenLatencyS, tokensPerSecond, decodeTokensPerSecond, perHop, perLayer, droppedFrames,
        expertActivations, errors, perToken, settings, modelOnlyS, c, faults, mesh);
  }

  /** This report with its faults section. */
  public BenchReport withFaults(FaultsReport f) {
    return new BenchReport(tokens, matchesReference, generatedTokens, referenceTokens, maxHiddenAbsDiff,
        hiddenStatesCompared, accuracy, measuredMeanTokenLatencyS, predictedMeanTokenLatencyS, measuredOverPredicted,
        expectedTokenLatencyS, tokensPerSecond, decodeTokensPerSecond, perHop, perLayer, droppedFrames,
        expertActivations, errors, perToken, settings, predictedModelOnlyS, hopCalibration, f, mesh);
  }

  /** This report with its ISL mesh section. */
  public BenchReport withMesh(MeshReport m) {
    return new BenchReport(tokens, matchesReference, generatedTokens, referenceTokens, maxHiddenAbsDiff,
        hiddenStatesCompared, accuracy, measuredMeanTokenLatencyS, predictedMeanTokenLatencyS, measuredOverPredicted,
        expectedTokenLatencyS, tokensPerSecond, decodeTokensPerSecond, perHop, perLayer, droppedFrames,
        expertActivations, errors, perToken, settings, predictedModelOnlyS, hopCalibration, faults, m);
  }

  /** One generated token. */
  public record TokenTiming(long step, int token, double measuredS, double predictedS) {}

  /** One layer's mean time per token, ms. */
  public record LayerTiming(int layer, double hopsPerToken, double computeMs, double linkMs, double queueMs) {}
}
