package org.spacemoe.ground.latency;

/**
 * Mean time one token spends in one layer, s, split by cause. The last layer includes the LM head (compute)
 * and the ring closure back to layer 0's gateway (propagation, transmission).
 *
 * @param computeS gateway compute + slowest selected expert's compute (+ LM head on the last layer)
 * @param propagationS light-time on the ISLs of the critical path
 * @param transmissionS serialisation time (bytes / rate) on the ISLs of the critical path
 * @param waitingS time waited for links to come back (unreachable policy)
 * @param overheadS software time of the frame hops on the critical path (0 with the paper's model)
 */
public record LayerBreakdown(int layer, double computeS, double propagationS, double transmissionS, double waitingS,
    double overheadS) {
  /** Layer {@code layer}'s mean {@code t}. */
  public static LayerBreakdown of(int layer, LayerTime t) {
    return new LayerBreakdown(layer, t.computeS(), t.propagationS(), t.transmissionS(), t.waitingS(), t.overheadS());
  }

  public double totalS() {
    return computeS + propagationS + transmissionS + waitingS + overheadS;
  }
}
