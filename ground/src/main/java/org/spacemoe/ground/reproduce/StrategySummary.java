package org.spacemoe.ground.reproduce;

import org.spacemoe.ground.latency.LatencyReport;

/** The figures of one strategy in one configuration (all in s). */
public record StrategySummary(
    double meanTokenLatencyS,
    double p50TokenLatencyS,
    double p95TokenLatencyS,
    double p99TokenLatencyS,
    double stdErrorS,
    double meanComputeS,
    double meanPropagationS,
    double meanTransmissionS,
    double meanWaitingS,
    long tokens,
    long excludedTokens,
    long unreachableWaits) {

  public static StrategySummary of(LatencyReport r) {
    return new StrategySummary(r.meanTokenLatencyS(), r.p50TokenLatencyS(), r.p95TokenLatencyS(),
        r.p99TokenLatencyS(), r.stdErrorS(), r.meanComputeS(), r.meanPropagationS(), r.meanTransmissionS(),
        r.meanWaitingS(), r.tokens(), r.excludedTokens(), r.unreachableWaits());
  }
}
