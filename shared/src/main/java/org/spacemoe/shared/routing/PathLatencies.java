package org.spacemoe.shared.routing;

/**
 * Shortest-path latencies from one source to a list of targets in one realisation; arrays are aligned with
 * the targets.
 *
 * @param source dense index of the source satellite
 * @param targets dense indices of the targets
 * @param latencyS latency to each target, s ({@code +Infinity}: no path even without failures)
 * @param hops ISL hops of that path ({@code -1} where unreachable)
 * @param waitedForNextSlot true where failures cut every path and the unreachable policy applied
 */
public record PathLatencies(int source, int[] targets, double[] latencyS, int[] hops, boolean[] waitedForNextSlot) {}
