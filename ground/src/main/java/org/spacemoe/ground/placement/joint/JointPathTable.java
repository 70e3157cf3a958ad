package org.spacemoe.ground.placement.joint;

import java.util.List;
import java.util.stream.IntStream;
import org.spacemoe.ground.placement.Subnet;
import org.spacemoe.shared.routing.NetworkRealisations;
import org.spacemoe.shared.routing.PathLatencies;

/**
 * Path latencies (s) the joint objective needs, in the planner's realisations: every time slot of one orbit
 * with link-failure draw {@link #PLANNING_DRAW}: the realisations {@code spacemoe}'s expected latencies average
 * over, so both planners see the same failures (which are also the evaluator's first {@code slots} realisations:
 * check a plan out of sample with {@code evaluate --seed}). From every gateway candidate {@code c} of layer {@code l}, one
 * shortest-path search per realisation to: the members of subnet l, the gateway candidates of layer l+1 and the
 * members of subnet l-1 (the ring wraps). Latencies include the unreachable policy's wait; {@code waited} says
 * where it applied. Paths are symmetric, so {@code P(h, g)} is read as {@code P(g, h)}.
 */
public final class JointPathTable {
  /** Link-failure draw of the planner's realisations. */
  public static final int PLANNING_DRAW = 0;

  private final List<Subnet> subnets;
  private final int[][] candidates;
  private final int realisations;
  private final double waitS;
  /** {@code lat[l][c][r][t]}, targets t = members(l) ++ candidates(l+1) ++ members(l-1). */
  private final double[][][][] lat;
  private final boolean[][][][] waited;

  /**
   * @param candidates {@code candidates[l]}: positions in {@code subnets.get(l).members()} that may be gateways
   */
  public JointPathTable(NetworkRealisations net, List<Subnet> subnets, int[][] candidates) {
    this.subnets = subnets;
    this.candidates = candidates;
    this.realisations = net.slots().count();
    this.waitS = net.waitForNextSlotS();
    int layers = subnets.size();
    lat = new double[layers][][][];
    waited = new boolean[layers][][][];
    int[][] targets = new int[layers][];
    for (int l = 0; l < layers; l++) {
      lat[l] = new double[candidates[l].length][realisations][];
      waited[l] = new boolean[candidates[l].length][realisations][];
      int[] own = subnets.get(l).members();
      int[] nextCand = satellites((l + 1) % layers);
      int[] prev = subnets.get((l - 1 + layers) % layers).members();
      int[] t = new int[own.length + nextCand.length + prev.length];
      System.arraycopy(own, 0, t, 0, own.length);
      System.arraycopy(nextCand, 0, t, own.length, nextCand.length);
      System.arraycopy(prev, 0, t, own.length + nextCand.length, prev.length);
      targets[l] = t;
    }
    IntStream.range(0, realisations).parallel().forEach(r -> {
      NetworkRealisations.Realisation real = net.realisation(r, PLANNING_DRAW);
      for (int l = 0; l < layers; l++) {
        for (int c = 0; c < candidates[l].length; c++) {
          PathLatencies p = real.to(subnets.get(l).members()[candidates[l][c]], targets[l]);
          lat[l][c][r] = p.latencyS();
          waited[l][c][r] = p.waitedForNextSlot();
        }
      }
    });
  }

  /** Satellites of layer l's gateway candidates. */
  private int[] satellites(int l) {
    return IntStream.of(candidates[l]).map(i -> subnets.get(l).members()[i]).toArray();
  }

  public int layers() {
    return subnets.size();
  }

  public int realisations() {
    return realisations;
  }

  public double waitS() {
    return waitS;
  }

  public Subnet subnet(int l) {
    return subnets.get(l);
  }

  /** Positions (in layer l's members) of its gateway candidates. */
  public int[] candidates(int l) {
    return candidates[l];
  }

  /** P(candidate c of layer l, member h of layer l) in realisation r. */
  public double toMember(int l, int c, int r, int h) {
    return lat[l][c][r][h];
  }

  public boolean waitedToMember(int l, int c, int r, int h) {
    return waited[l][c][r][h];
  }

  /** P(candidate c of layer l, candidate j of layer l+1) in realisation r. */
  public double toNextCandidate(int l, int c, int r, int j) {
    return lat[l][c][r][subnets.get(l).members().length + j];
  }

  /** P(candidate j of layer l+1, member h of layer l) in realisation r (= P(h, that candidate)). */
  public double nextCandidateToMember(int l, int j, int r, int h) {
    int next = (l + 1) % layers();
    return lat[next][j][r][prevOffset(next) + h];
  }

  public boolean nextCandidateWaitedToMember(int l, int j, int r, int h) {
    int next = (l + 1) % layers();
    return waited[next][j][r][prevOffset(next) + h];
  }

  private int prevOffset(int l) {
    return subnets.get(l).members().length + candidates[(l + 1) % layers()].length;
  }
}
