package org.spacemoe.ground.placement.joint;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.hipparchus.util.Combinations;
import org.spacemoe.ground.latency.SplitGatewayTime;

/**
 * The best tensor-parallel split of one phase (a layer's attention, or the LM head) for one gateway candidate: the
 * width {@code k} in 1..{@code maxWidth} and the {@code k - 1} part members minimising the phase's expected time
 * ({@link SplitGatewayTime}) over the planner's realisations. Exact over every subset of the
 * {@value #PART_CANDIDATES} members with the lowest mean arm (enumerated; 93 subsets at width 4). Uniform fleet, so
 * every share costs {@code workS / k}. Units: s.
 *
 * @param parts member positions of the parts (empty: no split)
 * @param expectedS the phase's expected time, s ({@code workS} without a split)
 */
public record SplitChoice(int[] parts, double expectedS) {
  /** Members considered as parts, nearest first by mean arm. */
  static final int PART_CANDIDATES = 8;

  public int width() {
    return parts.length + 1;
  }

  /** What this split saves on a phase of {@code workS} unsplit, s (0 without a split). */
  public double savedS(double workS) {
    return workS - expectedS;
  }

  /**
   * A lead's arms: {@code arm[h][r]} the round trip to member h in realisation r plus two frame hops, s; {@code near}
   * the {@value #PART_CANDIDATES} members with the lowest mean arm (the lead and unreachable members excluded). The
   * same for every phase of one lead, so built once per gateway candidate.
   */
  public record Arms(double[][] arm, int[] near) {
    public static Arms of(JointPathTable t, int l, int c, double hopS) {
      int members = t.subnet(l).members().length;
      int rs = t.realisations();
      int lead = t.candidates(l)[c];
      double[][] arm = new double[members][rs];
      double[] meanArm = new double[members];
      for (int h = 0; h < members; h++) {
        for (int r = 0; r < rs; r++) {
          arm[h][r] = 2 * t.toMember(l, c, r, h) - (t.waitedToMember(l, c, r, h) ? t.waitS() : 0) + 2 * hopS;
          meanArm[h] += arm[h][r] / rs;
        }
      }
      int[] near = IntStream.range(0, members).filter(h -> h != lead && Double.isFinite(meanArm[h])).boxed()
          .sorted(Comparator.<Integer>comparingDouble(h -> meanArm[h]).thenComparingInt(h -> h))
          .limit(PART_CANDIDATES).mapToInt(Integer::intValue).toArray();
      return new Arms(arm, near);
    }
  }

  /**
   * @param t the planner's paths
   * @param l layer
   * @param c gateway candidate index of layer l (the lead)
   * @param workS the unsplit phase's compute, s
   * @param hopS software time of one frame hop, s
   * @param maxWidth widest split tried, lead included (1 = none)
   */
  public static SplitChoice best(JointPathTable t, int l, int c, double workS, double hopS, int maxWidth) {
    return best(Arms.of(t, l, c, hopS), workS, maxWidth);
  }

  /** The best split of a phase of {@code workS} unsplit, over {@code a}'s lead's arms. */
  public static SplitChoice best(Arms a, double workS, int maxWidth) {
    double[][] arm = a.arm();
    int[] near = a.near();
    int rs = arm.length == 0 ? 0 : arm[0].length;
    SplitChoice best = new SplitChoice(new int[0], workS);
    for (int k = 2; k <= Math.min(maxWidth, near.length + 1); k++) {
      for (int[] subset : new Combinations(near.length, k - 1)) {
        int[] parts = Arrays.stream(subset).map(i -> near[i]).toArray();
        double s = expectedS(arm, parts, workS, rs);
        if (s < best.expectedS()) {
          best = new SplitChoice(parts, s);
        }
      }
    }
    return best;
  }

  private static double expectedS(double[][] arm, int[] parts, double workS, int rs) {
    double[] partWork = new double[parts.length];
    Arrays.fill(partWork, workS);
    double[] partArm = new double[parts.length];
    double sum = 0;
    for (int r = 0; r < rs; r++) {
      for (int i = 0; i < parts.length; i++) {
        partArm[i] = arm[parts[i]][r];
      }
      sum += SplitGatewayTime.phaseS(workS, partWork, partArm);
    }
    return sum / rs;
  }
}
