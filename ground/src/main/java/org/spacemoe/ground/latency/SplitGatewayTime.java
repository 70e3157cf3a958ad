package org.spacemoe.ground.latency;

/**
 * Time of one split phase (a layer's attention heads, or the LM head's vocabulary), from the moment its lead holds
 * the input to the moment it holds every share's result, s:
 *
 * <pre>
 * S = max( W_lead / k, max_i ( A_i + W_i / k ) )
 * </pre>
 *
 * with {@code k} the width (lead + parts), {@code W} the unsplit phase's compute on each satellite's own device and
 * {@code A_i} part i's arm: the path lead to part and back (propagation and transmission per ISL hop; a round trip
 * that waited for the next link state waits once, as an expert's own-combine arm) plus the two frame hops' overhead.
 * Every share runs in parallel; the lead's wins ties. The reply is charged as a hidden-state frame (the LM head's is
 * a few bytes: this over-states it by at most one frame's transmission per hop, under a microsecond at 100 Gbit/s).
 */
public final class SplitGatewayTime {
  private SplitGatewayTime() {}

  /**
   * One part's arm in one realisation, s.
   *
   * @param pathS there and back over the ISLs, waiting included
   * @param hops ISL hops there and back
   * @param waitS unreachable-policy wait included in {@code pathS} (0 or one wait)
   * @param overheadS software time of the two frame hops
   */
  public record PartArm(double pathS, int hops, double waitS, double overheadS) {
    public double totalS() {
      return pathS + overheadS;
    }
  }

  /**
   * {@code S} above, s.
   *
   * @param leadWorkS the unsplit phase's compute on the lead, s
   * @param partWorkS {@code partWorkS[i]}: the unsplit phase's compute on part i's device, s
   * @param partArmS {@code partArmS[i]}: part i's arm, s
   */
  public static double phaseS(double leadWorkS, double[] partWorkS, double[] partArmS) {
    int k = partWorkS.length + 1;
    double s = leadWorkS / k;
    for (int i = 0; i < partWorkS.length; i++) {
      s = Math.max(s, partArmS[i] + partWorkS[i] / k);
    }
    return s;
  }

  /**
   * {@code S} split by cause along its slowest share: the lead's compute, or a part's compute and arm.
   *
   * @param transmissionS serialisation time of one ISL hop, s
   */
  static LayerTime phase(double leadWorkS, double[] partWorkS, PartArm[] arms, double transmissionS) {
    int k = partWorkS.length + 1;
    LayerTime slowest = new LayerTime(leadWorkS / k, 0, 0, 0, 0);
    for (int i = 0; i < partWorkS.length; i++) {
      PartArm a = arms[i];
      double tx = a.hops() * transmissionS;
      LayerTime t = new LayerTime(partWorkS[i] / k, a.pathS() - tx - a.waitS(), tx, a.waitS(), a.overheadS());
      if (a.totalS() + partWorkS[i] / k > slowest.totalS()) {
        slowest = t;
      }
    }
    return slowest;
  }
}
