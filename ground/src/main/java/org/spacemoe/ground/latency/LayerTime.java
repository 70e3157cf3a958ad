package org.spacemoe.ground.latency;

/**
 * The time one token spends in one layer, s, split by cause: the one per-layer result of {@link LayerCriticalPath}.
 *
 * @param computeS gateway compute + the slowest selected expert's compute, including co-selected experts queued
 *     before it on the same computer (+ LM head on the last layer)
 * @param propagationS light-time on the ISLs of the critical path
 * @param transmissionS serialisation time (bytes / rate) on the ISLs of the critical path
 * @param waitingS time waited for links to come back (unreachable policy)
 * @param overheadS software time of the frame hops on the critical path (the devices' hop overhead)
 */
public record LayerTime(double computeS, double propagationS, double transmissionS, double waitingS,
    double overheadS) {
  public static final LayerTime ZERO = new LayerTime(0, 0, 0, 0, 0);

  public double totalS() {
    return computeS + propagationS + transmissionS + waitingS + overheadS;
  }

  public LayerTime plus(LayerTime o) {
    return new LayerTime(computeS + o.computeS, propagationS + o.propagationS, transmissionS + o.transmissionS,
        waitingS + o.waitingS, overheadS + o.overheadS);
  }

  /** Every part divided by {@code n}. */
  public LayerTime over(double n) {
    return new LayerTime(computeS / n, propagationS / n, transmissionS / n, waitingS / n, overheadS / n);
  }
}
