package org.spacemoe.ground.split;

/**
 * One indivisible piece of the layer sequence: the embedding, one transformer layer (attention, router and all
 * its experts, run as a dense stage) or the LM head. A stage holds a contiguous run of units.
 *
 * @param name e.g. {@code embed}, {@code layer 7}, {@code head}
 * @param flopsPerToken FLOPs per generated token (2 per multiply-add); {@code >= 0}
 * @param weightBytes bytes of weights held in memory; {@code >= 0}
 * @param kvBytesPerSequence KV-cache bytes per concurrent sequence at the planned context; {@code >= 0}
 */
public record SplitUnit(String name, double flopsPerToken, long weightBytes, long kvBytesPerSequence) {
  /** Bytes this unit needs while serving {@code sequences} concurrent sequences. */
  public long memoryBytes(int sequences) {
    return weightBytes + (long) sequences * kvBytesPerSequence;
  }
}
