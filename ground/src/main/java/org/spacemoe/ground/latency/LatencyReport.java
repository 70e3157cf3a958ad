package org.spacemoe.ground.latency;

import java.util.List;

/**
 * Per-token latency of one placement under one scenario.
 *
 * @param meanTokenLatencyS mean over token samples, s
 * @param stdErrorS standard error of that mean, s
 * @param tokens token samples counted
 * @param excludedTokens samples dropped because some path did not exist even without failures
 * @param unreachableWaits path queries where failures cut every path (unreachable policy applied)
 * @param meanUpLinks mean number of links up per realisation
 * @param meanOverheadS mean software time of the frame hops on the critical path, s (0 without a hop overhead)
 * @param layers mean per-layer breakdown over the counted samples (excluded ones stay out, as from the mean)
 * @param failedTokens samples that did not complete: a gateway down (and its standby, if it has one) or a selected
 *     expert without a live copy
 * @param availability completed / (completed + failed) token samples (1 without satellite failures)
 */
public record LatencyReport(
    String strategy,
    double meanTokenLatencyS,
    double p50TokenLatencyS,
    double p95TokenLatencyS,
    double p99TokenLatencyS,
    double stdErrorS,
    long tokens,
    long excludedTokens,
    long unreachableWaits,
    double meanUpLinks,
    double meanComputeS,
    double meanPropagationS,
    double meanTransmissionS,
    double meanWaitingS,
    double meanOverheadS,
    List<LayerBreakdown> layers,
    long failedTokens,
    double availability) {}
