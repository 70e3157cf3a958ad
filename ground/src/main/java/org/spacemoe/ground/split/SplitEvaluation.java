package org.spacemoe.ground.split;

import java.util.List;

/**
 * A split plan priced by {@link SplitEvaluator}. Times in s, bytes in bytes, throughput in tokens/s.
 *
 * @param strategy who chose the plan ({@code a-star}, {@code uniform}, ...)
 * @param feasible every stage fits its memory and the loss is within the budget
 * @param violations one line per broken limit (empty when feasible)
 * @param latencyS per-token latency: compute + transfer + ring closure
 * @param computeS sum of the stages' compute
 * @param transferS sum of the cuts' propagation and transmission
 * @param ringCloseS the next token's way back to the first stage
 * @param accuracyLoss sum of the cuts' loss per cut
 * @param islBytesPerToken hidden-state bytes put on ISLs per token (frame bytes x hops, over all cuts)
 * @param stages per stage: satellite, units, compute, memory
 * @param cuts per cut: codec, bytes, route, time, loss
 * @param pipeline throughput with concurrent sequences
 */
public record SplitEvaluation(String strategy, boolean feasible, List<String> violations, double latencyS,
    double computeS, double transferS, double ringCloseS, double accuracyLoss, long islBytesPerToken,
    List<StageReport> stages, List<CutReport> cuts, PipelineThroughput pipeline) {

  /**
   * @param satellite chain satellite
   * @param device its computer
   * @param firstUnit name of the first unit
   * @param lastUnit name of the last unit
   * @param units number of units
   * @param computeS compute per token, s
   * @param memoryBytes weights plus KV caches
   * @param memoryLimitBytes the satellite's memory
   */
  public record StageReport(String satellite, String device, String firstUnit, String lastUnit, int units,
      double computeS, long memoryBytes, long memoryLimitBytes) {}

  /**
   * @param from sending satellite
   * @param to receiving satellite
   * @param codec codec wire name
   * @param frameBytes bytes of one frame
   * @param hops ISL hops
   * @param propagationS light time
   * @param transferS propagation plus per-hop transmission
   * @param lossPerCut the codec's measured loss
   */
  public record CutReport(String from, String to, String codec, long frameBytes, int hops, double propagationS,
      double transferS, double lossPerCut) {}

  /**
   * Pipeline throughput: with {@code n} sequences in flight each sequence still makes one token per
   * {@code latencyS} (autoregressive), and no stage or link can serve more than one token per its busy time, so
   * {@code tokensPerS(n) = min(n / latencyS, 1 / bottleneckS)}.
   *
   * @param bottleneck the busiest stage or link
   * @param bottleneckS its busy time per token, s
   * @param sequences the planned number of concurrent sequences
   * @param tokensPerS throughput at {@code sequences}, tokens/s
   * @param saturatingSequences the smallest {@code n} that reaches {@code 1 / bottleneckS}
   * @param tokensPerSByN throughput for {@code n = 1 .. sequences}
   */
  public record PipelineThroughput(String bottleneck, double bottleneckS, int sequences, double tokensPerS,
      long saturatingSequences, List<Double> tokensPerSByN) {}
}
