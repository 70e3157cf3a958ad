package org.spacemoe.ground.split;

/**
 * The route between two consecutive satellites of a chain in the planned slot.
 *
 * @param from satellite name
 * @param to satellite name
 * @param propagationS light time along the route, s
 * @param hops ISL hops of the route ({@code 1} for ISL neighbours); each hop re-transmits the frame
 * @param lengthKm route length, km
 */
public record ChainLink(String from, String to, double propagationS, int hops, double lengthKm) {}
