package org.spacemoe.ground.placement;

/**
 * The satellites that host one layer.
 *
 * @param layer 0-based layer
 * @param members dense satellite indices, sorted by (plane, slot)
 * @param centre the member at the subnet's centre (median plane, then median slot)
 */
public record Subnet(int layer, int[] members, int centre) {}
