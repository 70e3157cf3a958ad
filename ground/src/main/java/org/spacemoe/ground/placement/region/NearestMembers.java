package org.spacemoe.ground.placement.region;

/**
 * A layer's members that one slot's search from its gateway settled with their exact latency.
 *
 * @param members dense indices, in order of latency
 * @param latencyS their shortest latency from the gateway in that slot's draw-0 realisation, s (each below
 *     {@code othersAtLeastS})
 * @param othersAtLeastS every member not listed has latency at least this, s (+Infinity: no other is reachable)
 * @param settled satellites the search settled (members or not)
 */
public record NearestMembers(int[] members, double[] latencyS, double othersAtLeastS, int settled) {}
