package org.spacemoe.ground.placement.joint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.spacemoe.ground.latency.LayerCriticalPath;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Subnet;
import org.spacemoe.ground.placement.capacity.SatelliteMemory;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * {@code joint}'s replicas for latency: spends a budget of extra expert copies ({@code round(budget * layers *
 * experts)}, as {@code --replica-budget} counts them) on joint's own objective, the expected per-token latency of
 * {@link LayerCostModel} (max over the selected experts' arms, exact or sampled top-k set distribution, the planner's
 * realisations), with the gateways and combine points of the placement fixed.
 *
 * <p>In every realisation the gateway sends a selected expert to its copy with the lowest one-way latency from the
 * gateway (ties: plan order), as the onboard gateways do and the evaluator predicts; the layer then waits for the
 * slowest selected expert's arm of that copy. One more copy of expert {@code e} on member {@code h} therefore changes
 * expert e's arm in the realisations where {@code h} is nearer to the gateway than e's copy chosen so far. Its gain
 * is the drop of the layer's expected time, summed over the top-k sets containing {@code e}.
 *
 * <p>Candidates: members of the layer's subnet that hold no role yet (no gateway, expert copy, standby or split part),
 * and the layer's gateway itself, whose computer is idle while its experts run: a copy there has an arm of its frame
 * hops only, and is the nearest copy in every slot. Each candidate takes at most one expert copy and none holds one
 * already, so no two selected experts ever queue on one computer (which the objective does not model); its paths
 * exist in every realisation and it has the memory for one more expert ({@link SatelliteMemory}). A
 * candidate is only taken if, in every planner realisation where the gateway would switch to it, its arm is no
 * longer than the arm of the copy it replaces (for a layer combined at the next gateway the nearest copy to the
 * gateway can have the longer onward path): so a copy never raises any token's latency in those realisations.
 *
 * <p>Greedy: the candidate with the largest gain over all layers, then the best of that layer again (the layers'
 * terms are independent, so the other layers' best candidates stay valid), until the budget is spent or no
 * candidate gains. Deterministic for a scenario seed.
 */
public final class JointReplicas {
  private JointReplicas() {}

  /** One extra copy: expert {@code expert} of layer {@code layer} on {@code satellite}, in spending order. */
  public record Copy(int layer, int expert, int satellite, double gainS) {}

  /**
   * @param placement the placement with its copies
   * @param copies the copies added, in spending order
   * @param budgetCopies the budget's copies ({@code round(budget * layers * experts)})
   * @param expectedGainS drop of the objective (expected per-token latency over the planner's realisations), s
   */
  public record Result(Placement placement, List<Copy> copies, int budgetCopies, double expectedGainS) {}

  /** Extra copies of a budget given as a fraction of layers x experts. */
  public static int budgetCopies(int layers, int experts, double budget) {
    Checks.inRange("--replica-budget", budget, 0, 100);
    return (int) Math.round(budget * layers * experts);
  }

  /**
   * Adds up to {@code round(budget * layers * experts)} copies to {@code base} (a joint or spacemoe plan with one
   * role per satellite on a uniform fleet), naming the result {@code name}.
   */
  public static Result add(PlanningContext ctx, Placement base, double budget, String name) {
    Scenario sc = ctx.scenario();
    int layers = base.layers();
    int experts = base.expertHosts()[0].length;
    int copies = budgetCopies(layers, experts, budget);
    if (!sc.fleet().isUniform()) {
      throw new InvalidInputException("--replica-budget", "joint's replicas are spent on a uniform fleet only");
    }
    List<Subnet> subnets = new ArrayList<>();
    int[][] cand = new int[layers][];
    for (int l = 0; l < layers; l++) {
      int[] members = base.subnets()[l];
      subnets.add(new Subnet(l, members, base.gateways()[l]));
      cand[l] = new int[] {positionOf(members, base.gateways()[l])};
    }
    SatelliteMemory memory = SatelliteMemory.of(sc, base);
    java.util.Set<Integer> expertSatellites = new java.util.HashSet<>();
    for (int[][] layer : base.expertHosts()) {
      for (int[] hs : layer) {
        for (int h : hs) {
          expertSatellites.add(h);
        }
      }
    }
    LayerState[] state = new LayerState[layers];
    List<Copy> done = new ArrayList<>();
    double gain = 0;
    if (copies > 0) {
      JointPathTable table = new JointPathTable(ctx.network(), subnets, cand);
      // the same top-k set distributions as joint's objective (same stream, same order)
      SplittableRandom rnd = ctx.random("joint-top-k");
      TopKSets[] sets = new TopKSets[layers];
      for (int l = 0; l < layers; l++) {
        sets[l] = TopKSets.of(sc.stats(), l, sc.model().topK(), rnd.split());
      }
      double x = sc.expertComputeS();
      double hop = sc.device().hopOverheadS();
      Candidate[] best = new Candidate[layers];
      IntStream.range(0, layers).parallel().forEach(l -> {
        LayerCostModel m = new LayerCostModel(table, l, 0, 0, base.combineAtNext()[l], x, hop, sets[l]);
        state[l] = new LayerState(l, m, base.subnets()[l], base.gateways()[l], base.expertHosts()[l]);
        best[l] = state[l].best(memory, expertSatellites);
      });
      PriorityQueue<Candidate> queue = new PriorityQueue<>((a, b) -> a.gainS != b.gainS
          ? Double.compare(b.gainS, a.gainS) : Integer.compare(a.layer, b.layer));
      for (Candidate c : best) {
        if (c != null) {
          queue.add(c);
        }
      }
      while (done.size() < copies && !queue.isEmpty()) {
        Candidate c = queue.poll();
        LayerState s = state[c.layer];
        int sat = s.members[c.member];
        if (s.allowed(c.member, memory, expertSatellites)) {
          s.apply(c.expert, c.member);
          memory.addExpert(sat);
          expertSatellites.add(sat);
          done.add(new Copy(c.layer, c.expert, sat, c.gainS));
          gain += c.gainS;
        }
        Candidate next = s.best(memory, expertSatellites);
        if (next != null) {
          queue.add(next);
        }
      }
    }
    int[][][] hosts = new int[layers][][];
    for (int l = 0; l < layers; l++) {
      hosts[l] = state[l] == null ? base.expertHosts()[l] : state[l].hosts();
    }
    Placement out = new Placement(name, base.subnets(), base.gateways(), hosts, base.combineAtNext(), base.standbys(),
        base.split());
    SatelliteMemory.requireFits(sc, out);
    return new Result(out, List.copyOf(done), copies, gain);
  }

  private record Candidate(int layer, int expert, int member, double gainS) {}

  /** One layer's copies and, per realisation, each expert's chosen copy and its arm. */
  private static final class LayerState {
    final int layer;
    final LayerCostModel m;
    final int[] members;
    final int gateway;
    /** Whether every realisation has a path to the member (the gateway's own member included). */
    final boolean[] reachable;
    /** {@code copies.get(e)}: member positions of expert e's copies, plan order. */
    final List<List<Integer>> copies = new ArrayList<>();
    /** {@code chosen[r][e]}: member position of the copy the gateway sends expert e to in realisation r. */
    final int[][] chosen;
    /** {@code arm[r][e]}: that copy's arm. */
    final double[][] arm;
    /** {@code setsOf[e]}: indices of the top-k sets containing e. */
    final int[][] setsOf;

    LayerState(int layer, LayerCostModel m, int[] members, int gateway, int[][] hostsOfExperts) {
      this.layer = layer;
      this.m = m;
      this.members = members;
      this.gateway = gateway;
      reachable = new boolean[members.length];
      for (int h = 0; h < members.length; h++) {
        boolean ok = true;
        for (int r = 0; r < m.realisations() && ok; r++) {
          ok = Double.isFinite(m.arm(r, h));
        }
        reachable[h] = ok;
      }
      int experts = hostsOfExperts.length;
      int rs = m.realisations();
      chosen = new int[rs][experts];
      arm = new double[rs][experts];
      for (int e = 0; e < experts; e++) {
        List<Integer> c = new ArrayList<>();
        for (int sat : hostsOfExperts[e]) {
          c.add(positionOf(members, sat));
        }
        copies.add(c);
        for (int r = 0; r < rs; r++) {
          int pick = c.get(0);
          for (int h : c) {
            if (m.oneWay(r, h) < m.oneWay(r, pick)) {
              pick = h;
            }
          }
          chosen[r][e] = pick;
          arm[r][e] = m.arm(r, pick);
        }
      }
      int[][] sets = m.sets().sets();
      List<List<Integer>> by = new ArrayList<>();
      for (int e = 0; e < experts; e++) {
        by.add(new ArrayList<>());
      }
      for (int i = 0; i < sets.length; i++) {
        for (int e : sets[i]) {
          by.get(e).add(i);
        }
      }
      setsOf = by.stream().map(li -> li.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /** Whether member h may take one more expert copy (see the class comment). */
    boolean allowed(int h, SatelliteMemory memory, java.util.Set<Integer> expertSatellites) {
      int sat = members[h];
      return reachable[h] && !expertSatellites.contains(sat) && (memory.roles(sat) == 0 || sat == gateway)
          && memory.fitsExpert(sat);
    }

    /** The candidate with the largest positive gain, or null. */
    Candidate best(SatelliteMemory memory, java.util.Set<Integer> expertSatellites) {
      Candidate best = null;
      for (int h = 0; h < members.length; h++) {
        if (!allowed(h, memory, expertSatellites)) {
          continue;
        }
        for (int e = 0; e < copies.size(); e++) {
          double g = gain(e, h);
          if (g > 1e-15 && (best == null || g > best.gainS)) {
            best = new Candidate(layer, e, h, g);
          }
        }
      }
      return best;
    }

    /**
     * Drop of the layer's expected time with one more copy of e on member h; negative infinity when the copy would
     * lengthen e's arm in some realisation.
     */
    double gain(int e, int h) {
      int[][] sets = m.sets().sets();
      double[] p = m.sets().probability();
      double x = m.expertS();
      boolean next = m.combineAtNext();
      double sum = 0;
      for (int r = 0; r < chosen.length; r++) {
        if (!(m.oneWay(r, h) < m.oneWay(r, chosen[r][e]))) {
          continue; // the gateway keeps its copy
        }
        double before = arm[r][e];
        double after = m.arm(r, h);
        if (after > before) {
          return Double.NEGATIVE_INFINITY;
        }
        if (after == before) {
          continue;
        }
        double[] a = arm[r];
        double d = m.direct(r);
        for (int i : setsOf[e]) {
          double others = Double.NEGATIVE_INFINITY;
          for (int o : sets[i]) {
            if (o != e && a[o] > others) {
              others = a[o];
            }
          }
          double was = Math.max(before, others);
          double now = Math.max(after, others);
          if (now < was) {
            sum += p[i] * (LayerCriticalPath.afterGatewayS(was + x, d, next)
                - LayerCriticalPath.afterGatewayS(now + x, d, next));
          }
        }
      }
      return sum / chosen.length;
    }

    void apply(int e, int h) {
      copies.get(e).add(h);
      for (int r = 0; r < chosen.length; r++) {
        if (m.oneWay(r, h) < m.oneWay(r, chosen[r][e])) {
          chosen[r][e] = h;
          arm[r][e] = m.arm(r, h);
        }
      }
    }

    int[][] hosts() {
      int[][] out = new int[copies.size()][];
      for (int e = 0; e < out.length; e++) {
        out[e] = copies.get(e).stream().mapToInt(i -> members[i]).toArray();
      }
      return out;
    }
  }

  private static int positionOf(int[] members, int sat) {
    for (int i = 0; i < members.length; i++) {
      if (members[i] == sat) {
        return i;
      }
    }
    throw new IllegalArgumentException("satellite " + sat + " is not in the subnet " + Arrays.toString(members));
  }
}
