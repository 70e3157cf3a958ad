package org.spacemoe.ground.latency;

import org.spacemoe.ground.scenario.Scenario;

/**
 * The one per-layer critical path of a token, used by the evaluator, the bench's predictor and (through
 * {@link #afterGatewayS}) the joint planner's cost model. Times in s.
 *
 * <pre>
 * own combine:  G + max_e (arm_e + Q_e) + D
 * next combine: G + max( max_e (arm_e + Q_e), D )
 * </pre>
 *
 * where G is the running gateway's compute (plus the LM head on the last layer), arm_e the selected expert's arm
 * (paths and frame-hop overhead, see {@link RealisedPlacement}), Q_e the compute of the experts selected on the same
 * computer as e (they arrive with the token and run back to back), and D the path (and frame hop) on to the next
 * layer's gateway.
 */
public final class LayerCriticalPath {
  private LayerCriticalPath() {}

  /**
   * What a layer adds after its gateway's compute.
   *
   * @param slowestArmS the slowest selected expert's arm plus its (queued) compute
   * @param directS the path on to the next gateway
   */
  public static double afterGatewayS(double slowestArmS, double directS, boolean combineAtNext) {
    return combineAtNext ? Math.max(slowestArmS, directS) : slowestArmS + directS;
  }

  /**
   * Layer {@code l} of one token that selected {@code selected}; null when the token fails there (no running
   * gateway, or a selected expert without a live copy).
   *
   * @param transmissionS serialisation time of one ISL hop
   */
  static LayerTime layer(Scenario sc, RealisedPlacement r, int l, int[] selected, double transmissionS) {
    if (!r.gatewaysUp) {
      return null;
    }
    int slowest = -1;
    double slowestFinish = 0;
    double slowestCompute = 0;
    for (int e : selected) {
      int host = r.expertHost[l][e];
      if (host < 0) {
        return null;
      }
      int queued = 0;
      for (int o : selected) {
        queued += r.expertHost[l][o] == host ? 1 : 0;
      }
      double work = queued * sc.expertComputeS(host);
      double finish = r.armS[l][e] + r.armOverheadS[l][e] + work;
      if (slowest < 0 || finish > slowestFinish) {
        slowest = e;
        slowestFinish = finish;
        slowestCompute = work;
      }
    }
    int gw = r.running[l];
    int layers = r.placement.layers();
    double fixed = sc.gatewayComputeS(gw) + (l == layers - 1 ? sc.headComputeS(gw) : 0);
    boolean atNext = r.placement.combineAtNext()[l];
    double direct = r.nextS[l] + r.nextOverheadS[l];
    double compute;
    double path;
    double waiting;
    double overhead;
    int hops;
    if (!atNext) {
      compute = fixed + slowestCompute;
      path = r.armS[l][slowest] + r.nextS[l];
      waiting = r.armWaitS[l][slowest] + r.nextWaitS[l];
      overhead = r.armOverheadS[l][slowest] + r.nextOverheadS[l];
      hops = r.armHops[l][slowest] + r.nextHops[l];
    } else if (slowestFinish >= direct) {
      // the experts' outputs arrive at the next gateway after the residual: they are the critical path
      compute = fixed + slowestCompute;
      path = r.armS[l][slowest];
      waiting = r.armWaitS[l][slowest];
      overhead = r.armOverheadS[l][slowest];
      hops = r.armHops[l][slowest];
    } else {
      // the residual's direct path is slower than any expert's arm (only when failures detour it)
      compute = fixed;
      path = r.nextS[l];
      waiting = r.nextWaitS[l];
      overhead = r.nextOverheadS[l];
      hops = r.nextHops[l];
    }
    double transmission = hops * transmissionS;
    LayerTime t = new LayerTime(compute, path - transmission - waiting, transmission, waiting, overhead);
    assert !Double.isFinite(t.totalS()) || Math.abs(t.totalS() - (fixed + afterGatewayS(slowestFinish, direct, atNext))) <= 1e-9 * (1 + t.totalS())
        : "breakdown " + t + " disagrees with the critical path";
    return t;
  }
}
