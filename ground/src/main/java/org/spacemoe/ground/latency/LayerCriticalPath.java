package org.spacemoe.ground.latency;

import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.spacemoe.ground.latency.SplitGatewayTime.PartArm;
import org.spacemoe.ground.layout.GatewaySplit;
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
 * where G is the running gateway's phase ({@link #gatewayPhase}: its compute, plus the LM head on the last layer; with
 * a tensor-parallel split, the split's time), arm_e the selected expert's arm
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
    LayerTime gateway = gatewayPhase(sc, r, l, transmissionS);
    if (gateway == null) {
      return null;
    }
    double fixed = gateway.totalS();
    boolean atNext = r.placement.combineAtNext()[l];
    double direct = r.nextS[l] + r.nextOverheadS[l];
    double compute;
    double path;
    double waiting;
    double overhead;
    int hops;
    if (!atNext) {
      compute = gateway.computeS() + slowestCompute;
      path = r.armS[l][slowest] + r.nextS[l];
      waiting = r.armWaitS[l][slowest] + r.nextWaitS[l];
      overhead = r.armOverheadS[l][slowest] + r.nextOverheadS[l];
      hops = r.armHops[l][slowest] + r.nextHops[l];
    } else if (slowestFinish >= direct) {
      // the experts' outputs arrive at the next gateway after the residual: they are the critical path
      compute = gateway.computeS() + slowestCompute;
      path = r.armS[l][slowest];
      waiting = r.armWaitS[l][slowest];
      overhead = r.armOverheadS[l][slowest];
      hops = r.armHops[l][slowest];
    } else {
      // the residual's direct path is slower than any expert's arm (only when failures detour it)
      compute = gateway.computeS();
      path = r.nextS[l];
      waiting = r.nextWaitS[l];
      overhead = r.nextOverheadS[l];
      hops = r.nextHops[l];
    }
    double transmission = hops * transmissionS;
    LayerTime t = new LayerTime(compute, path - transmission - waiting + gateway.propagationS(),
        transmission + gateway.transmissionS(), waiting + gateway.waitingS(), overhead + gateway.overheadS());
    assert !Double.isFinite(t.totalS()) || Math.abs(t.totalS() - (fixed + afterGatewayS(slowestFinish, direct, atNext))) <= 1e-9 * (1 + t.totalS())
        : "breakdown " + t + " disagrees with the critical path";
    return t;
  }

  /**
   * Layer l's gateway phase on its running gateway, s: attention and router (+ the LM head on the last layer), each
   * split over its parts where the placement splits it ({@link SplitGatewayTime}; the router always on the lead);
   * null when a part's computer is down.
   */
  static LayerTime gatewayPhase(Scenario sc, RealisedPlacement r, int l, double transmissionS) {
    int gw = r.running[l];
    boolean last = l == r.placement.layers() - 1;
    PartArm[] attention = r.attentionArms[l];
    if (attention == null || last && r.headArms == null) {
      return null;
    }
    boolean headSplit = last && r.headArms.length > 0;
    if (attention.length == 0 && !headSplit) {
      return new LayerTime(sc.gatewayComputeS(gw) + (last ? sc.headComputeS(gw) : 0), 0, 0, 0, 0);
    }
    GatewaySplit split = r.placement.split();
    LayerTime t = attention.length == 0 ? computeOnly(sc.gatewayComputeS(gw))
        : SplitGatewayTime.phase(sc.attentionComputeS(gw), work(split.attentionParts()[l], sc::attentionComputeS),
            attention, transmissionS).plus(computeOnly(sc.routerComputeS(gw)));
    if (!last) {
      return t;
    }
    return t.plus(headSplit
        ? SplitGatewayTime.phase(sc.headComputeS(gw), work(split.headParts(), sc::headComputeS), r.headArms,
            transmissionS)
        : computeOnly(sc.headComputeS(gw)));
  }

  private static LayerTime computeOnly(double s) {
    return new LayerTime(s, 0, 0, 0, 0);
  }

  private static double[] work(int[] parts, IntToDoubleFunction onDevice) {
    return IntStream.of(parts).mapToDouble(onDevice).toArray();
  }
}
