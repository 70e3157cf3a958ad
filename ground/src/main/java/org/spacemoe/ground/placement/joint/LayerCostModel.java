package org.spacemoe.ground.placement.joint;

import org.spacemoe.ground.latency.LayerCriticalPath;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;

/**
 * The expected time one layer adds to a token after its gateway's compute, for a fixed gateway, next gateway
 * and combine point, as a function of the expert-to-member assignment: the evaluator's formula averaged over
 * the planner's realisations and over the exact distribution of the selected expert set.
 *
 * <pre>
 * own:  E[ max_{e in K} arm_e + X + D ],   arm_e = 2 P(g, h_e) + 2 O  (a waited round trip waits once)
 * next: E[ max( max_{e in K} arm_e + X, D ) ],   arm_e = P(g, h_e) + P(h_e, g') + 2 O  (waits at most once)
 * D = P(g, g') + O
 * </pre>
 * combined by {@link LayerCriticalPath#afterGatewayS}, O the (uniform) fleet's software time per frame hop.
 * One expert per member, so no two selected experts queue on one computer. Units: s. A member with an infinite arm in some realisation (no path even without failures), and the
 * gateway itself, cannot host an expert.
 */
public final class LayerCostModel {
  private final double[][] arm;
  /** {@code oneWay[r][h]}: P(g, h), the key by which the gateway chooses among an expert's copies. */
  private final double[][] oneWay;
  private final double[] direct;
  private final boolean next;
  private final double expertS;
  private final TopKSets sets;
  private final boolean[] hostable;
  private final double[] meanArm;

  /**
   * @param c gateway candidate index of layer l
   * @param j gateway candidate index of layer l+1
   * @param expertS one expert's compute, s
   * @param hopS software time of one frame hop, s
   */
  public LayerCostModel(JointPathTable t, int l, int c, int j, boolean next, double expertS, double hopS,
      TopKSets sets) {
    int members = t.subnet(l).members().length;
    int rs = t.realisations();
    int gateway = t.candidates(l)[c];
    this.next = next;
    this.expertS = expertS;
    this.sets = sets;
    arm = new double[rs][members];
    oneWay = new double[rs][members];
    direct = new double[rs];
    hostable = new boolean[members];
    meanArm = new double[members];
    java.util.Arrays.fill(hostable, true);
    hostable[gateway] = false;
    for (int r = 0; r < rs; r++) {
      direct[r] = t.toNextCandidate(l, c, r, j) + hopS;
      for (int h = 0; h < members; h++) {
        double a = next
            ? TokenLatencyEvaluator.onwardArm(t.toMember(l, c, r, h), t.waitedToMember(l, c, r, h),
                t.nextCandidateToMember(l, j, r, h), t.nextCandidateWaitedToMember(l, j, r, h), t.waitS())
            : 2 * t.toMember(l, c, r, h) - (t.waitedToMember(l, c, r, h) ? t.waitS() : 0);
        a += 2 * hopS;
        oneWay[r][h] = t.toMember(l, c, r, h);
        arm[r][h] = a;
        if (!Double.isFinite(a)) {
          hostable[h] = false;
        }
        meanArm[h] += a / rs;
      }
    }
  }

  /** Whether member h may host an expert. */
  public boolean hostable(int h) {
    return hostable[h];
  }

  /** Mean arm of member h over the realisations, s. */
  public double meanArm(int h) {
    return meanArm[h];
  }

  public int members() {
    return hostable.length;
  }

  /** Expected layer time after the gateway's compute, s; {@code host[e]}: member position hosting expert e. */
  public double expectedS(int[] host) {
    int[][] s = sets.sets();
    double[] p = sets.probability();
    double sum = 0;
    for (int r = 0; r < arm.length; r++) {
      double[] a = arm[r];
      double d = direct[r];
      double acc = 0;
      for (int i = 0; i < s.length; i++) {
        double m = Double.NEGATIVE_INFINITY;
        for (int e : s[i]) {
          double v = a[host[e]];
          if (v > m) {
            m = v;
          }
        }
        acc += p[i] * LayerCriticalPath.afterGatewayS(m + expertS, d, next);
      }
      sum += acc;
    }
    return sum / arm.length;
  }

  /** Planner realisations the expectation averages over. */
  int realisations() {
    return arm.length;
  }

  /** Arm of member h in realisation r (paths and frame-hop overhead, no compute), s. */
  double arm(int r, int h) {
    return arm[r][h];
  }

  /** One-way latency from the gateway to member h in realisation r, s: what the gateway picks a copy by. */
  double oneWay(int r, int h) {
    return oneWay[r][h];
  }

  /** D in realisation r: the path (and frame hop) on to the next gateway, s. */
  double direct(int r) {
    return direct[r];
  }

  boolean combineAtNext() {
    return next;
  }

  double expertS() {
    return expertS;
  }

  TopKSets sets() {
    return sets;
  }
}
