package org.spacemoe.ground.replan;

/**
 * One shard a new plan puts on a satellite that does not hold it yet.
 *
 * @param layer 0-based layer
 * @param expert expert index, or -1 for the layer's gateway shard
 * @param to satellite name receiving the shard
 * @param from satellite name it is copied from over ISLs, or {@code ground} when uplinked
 * @param bytes shard bytes (fp32 weights)
 * @param transferS bytes * 8 / link rate, s: how long the moved shard is unavailable
 */
public record ShardMove(int layer, int expert, String to, String from, long bytes, double transferS) {}
