package org.spacemoe.ground.placement.joint;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.spacemoe.ground.layout.GatewaySplit;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlacementResult;
import org.spacemoe.ground.placement.PlacementStrategy;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.RingLinearPlacement;
import org.spacemoe.ground.placement.Subnet;
import org.spacemoe.ground.placement.capacity.SatelliteMemory;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * {@code joint}: starts from the {@code spacemoe} plan and minimises the evaluator's own expected per-token
 * latency (max over the selected experts' arms, see {@link LayerCostModel}) over the gateway of each subnet, the
 * combine point of each layer (own gateway, or the next layer's) and the expert-to-satellite assignment.
 *
 * <ol>
 *   <li>Gateway candidates: every member when no subnet has more than {@value #ALL_GATEWAYS_UP_TO}; otherwise the
 *       centre and the {@value #GATEWAY_CANDIDATES}-1 members with the lowest expected latency from it.</li>
 *   <li>For every layer, candidate gateway pair (this layer's, the next layer's) and combine point: the cost of
 *       the sorted assignment on mean arms.</li>
 *   <li>Gateways: the minimum-cost cycle through one candidate per layer (the layers form a ring, so the cost is
 *       a sum over consecutive pairs): dynamic programming over the ring for every choice of layer 0's gateway.</li>
 *   <li>Experts: for the chosen gateways and each combine point, local search from the sorted assignment (and
 *       from spacemoe's assignment where the gateways are spacemoe's); the better combine point wins.</li>
 *   <li>If the result is not below the start's objective, the start is returned.</li>
 * </ol>
 * Opt-in ({@link #withMaxSplitWidth}): tensor-parallel gateways, each candidate's best split saving its expected
 * time in step 3's pair costs, so the gateway choice sees it; the objective then includes the split.
 * Which arc each layer takes is left as the ring partition gives it: rotating the layers along the orbit by
 * whole arcs maps the problem onto itself a fraction of an orbit later, so over the slots of one orbit its
 * expected value does not change (see docs/latency-model.md). Deterministic for a scenario seed.
 */
public final class JointPlacement implements PlacementStrategy {
  /** Gateway candidates per subnet on large subnets. */
  static final int GATEWAY_CANDIDATES = 9;
  /** Subnets up to this size try every member as gateway. */
  static final int ALL_GATEWAYS_UP_TO = 24;

  private final boolean allowCombineAtNext;
  private final int gatewayCandidates;
  private final int allGatewaysUpTo;
  private final int maxSplitWidth;
  private final double replicaBudget;

  /**
   * The split width joint tries unless told otherwise: the widest, {@link GatewaySplit#MAX_WIDTH}; a split is only
   * chosen where the latency model says it pays, so on fast computers joint's plans are unsplit.
   */
  public static final int DEFAULT_SPLIT_WIDTH = GatewaySplit.MAX_WIDTH;

  JointPlacement(boolean allowCombineAtNext, int gatewayCandidates, int allGatewaysUpTo) {
    this(allowCombineAtNext, gatewayCandidates, allGatewaysUpTo, DEFAULT_SPLIT_WIDTH, 0);
  }

  private JointPlacement(boolean allowCombineAtNext, int gatewayCandidates, int allGatewaysUpTo, int maxSplitWidth,
      double replicaBudget) {
    this.allowCombineAtNext = allowCombineAtNext;
    this.gatewayCandidates = gatewayCandidates;
    this.allGatewaysUpTo = allGatewaysUpTo;
    this.maxSplitWidth = maxSplitWidth;
    this.replicaBudget = replicaBudget;
  }

  /**
   * This search, then {@link JointReplicas}: up to {@code round(budget * layers * experts)} extra expert copies spent
   * on this objective where they cut the expected per-layer time most ({@link #place} returns the plan with them,
   * named {@code joint+replicas}; {@link #optimise} stays without). 0 (the default) adds none.
   */
  public JointPlacement withReplicaBudget(double budget) {
    JointReplicas.budgetCopies(1, 1, budget); // checks the range
    return new JointPlacement(allowCombineAtNext, gatewayCandidates, allGatewaysUpTo, maxSplitWidth, budget);
  }

  /** Extra expert copies {@link #place} spends, as a fraction of layers x experts (0 = none). */
  public double replicaBudget() {
    return replicaBudget;
  }

  /**
   * This search also splitting gateways tensor-parallel ({@link GatewaySplit}): per layer and gateway
   * candidate the best split of its attention, and of the last layer's LM head, up to {@code width} satellites (lead
   * included; 1 = off; default {@link #DEFAULT_SPLIT_WIDTH}) by {@link SplitChoice}, its expected saving counted in the gateway choice.
   */
  public JointPlacement withMaxSplitWidth(int width) {
    if (width < 1 || width > GatewaySplit.MAX_WIDTH) {
      throw new InvalidInputException("--tensor-parallel-width", "must be in 1.." + GatewaySplit.MAX_WIDTH + ", got "
          + width);
    }
    return new JointPlacement(allowCombineAtNext, gatewayCandidates, allGatewaysUpTo, width, replicaBudget);
  }

  /** Widest gateway split this search tries, lead included (1 = none). */
  public int maxSplitWidth() {
    return maxSplitWidth;
  }

  /** The full search. */
  public static JointPlacement joint() {
    return new JointPlacement(true, GATEWAY_CANDIDATES, ALL_GATEWAYS_UP_TO);
  }

  /** Every layer combined at its own gateway: plans a runtime without the next-gateway combine can fly. */
  public static JointPlacement jointOwn() {
    return new JointPlacement(false, GATEWAY_CANDIDATES, ALL_GATEWAYS_UP_TO);
  }

  @Override
  public String name() {
    return allowCombineAtNext ? "joint" : "joint-own";
  }

  @Override
  public String description() {
    return allowCombineAtNext
        ? "spacemoe improved on the true objective: gateways, experts against the top-k maximum, combine at own or next gateway"
        : "joint with every layer combined at its own gateway";
  }

  @Override
  public PlacementResult place(PlanningContext ctx) {
    PlacementResult r = optimise(ctx).result();
    if (replicaBudget <= 0) {
      return r;
    }
    Placement withCopies = JointReplicas.add(ctx, r.placement(), replicaBudget, name() + "+replicas").placement();
    return new PlacementResult(withCopies, r.objectives(), r.unreachableWaits());
  }

  /** Plans and reports the objective before (spacemoe) and after. */
  public JointResult optimise(PlanningContext ctx) {
    return optimise(ctx, RingLinearPlacement.spaceMoe().place(ctx));
  }

  /** Plans from a {@code spacemoe} result already computed on the same context. */
  public JointResult optimise(PlanningContext ctx, PlacementResult start) {
    Scenario sc = ctx.scenario();
    if (!sc.fleet().isUniform() || !oneRolePerSatellite(start.placement())) {
      throw new InvalidInputException("--strategy", name() + " optimises one expert per satellite on a uniform fleet;"
          + " this scenario's memory or fleet puts several roles on a satellite (use spacemoe, optimal-linear or a"
          + " random strategy there)");
    }
    List<Subnet> subnets = ctx.ringSubnets();
    int layers = subnets.size();
    int largest = subnets.stream().mapToInt(sn -> sn.members().length).max().orElse(0);
    int[][] cand = GatewayCandidates.nearCentre(ctx.network(), subnets,
        largest <= allGatewaysUpTo ? largest : gatewayCandidates);
    JointPathTable table = new JointPathTable(ctx.network(), subnets, cand);
    SplittableRandom rnd = ctx.random("joint-top-k");
    TopKSets[] sets = new TopKSets[layers];
    for (int l = 0; l < layers; l++) {
      sets[l] = TopKSets.of(sc.stats(), l, sc.model().topK(), rnd.split());
    }
    double fixedS = layers * sc.gatewayComputeS() + sc.headComputeS();
    double x = sc.expertComputeS();
    double hop = sc.device().hopOverheadS();

    // the start's objective: centre gateways (candidate 0), its hosts, own combine
    int[][] startHosts = new int[layers][];
    double startS = fixedS;
    for (int l = 0; l < layers; l++) {
      startHosts[l] = positions(subnets.get(l).members(), start.placement().expertHosts()[l]);
      startS += new LayerCostModel(table, l, 0, 0, false, x, hop, sets[l]).expectedS(startHosts[l]);
    }

    // step 2: cost of the sorted assignment for every (layer, candidate, next candidate, combine point)
    double[][][] pairCost = new double[layers][][];
    IntStream.range(0, layers).parallel().forEach(l -> {
      int nl = (l + 1) % layers;
      double[] shares = sc.stats().layerShares(l);
      pairCost[l] = new double[cand[l].length][cand[nl].length];
      for (int c = 0; c < cand[l].length; c++) {
        for (int j = 0; j < cand[nl].length; j++) {
          double best = Double.POSITIVE_INFINITY;
          for (boolean next : modes(l, layers)) {
            LayerCostModel m = new LayerCostModel(table, l, c, j, next, x, hop, sets[l]);
            int[] host = ExpertAssignmentSearch.sortedStart(m, shares);
            if (host != null) {
              best = Math.min(best, m.expectedS(host));
            }
          }
          pairCost[l][c][j] = best;
        }
      }
    });

    // optional: tensor-parallel splits per gateway candidate, their expected saving counted in the pair costs
    SplitChoice[][] attentionSplit = new SplitChoice[layers][];
    SplitChoice[] headSplit = new SplitChoice[cand[layers - 1].length];
    if (maxSplitWidth > 1) {
      IntStream.range(0, layers).parallel().forEach(l -> {
        attentionSplit[l] = new SplitChoice[cand[l].length];
        for (int c = 0; c < cand[l].length; c++) {
          SplitChoice.Arms arms = SplitChoice.Arms.of(table, l, c, hop);
          attentionSplit[l][c] = SplitChoice.best(arms, sc.attentionComputeS(0), maxSplitWidth);
          double saved = attentionSplit[l][c].savedS(sc.attentionComputeS(0));
          if (l == layers - 1) {
            headSplit[c] = SplitChoice.best(arms, sc.headComputeS(), maxSplitWidth);
            saved += headSplit[c].savedS(sc.headComputeS());
          }
          for (int j = 0; j < pairCost[l][c].length; j++) {
            pairCost[l][c][j] -= saved;
          }
        }
      });
    }

    // step 3: gateways by dynamic programming over the ring
    int[] gw = RingGatewayChoice.cheapestCycle(pairCost);
    if (gw == null) {
      throw new InvalidInputException("--constellation", "joint: no choice of gateways leaves every layer enough"
          + " reachable satellites for its " + sc.model().experts() + " experts");
    }

    // step 4: experts by local search for the chosen gateways, each combine point
    int[][][] hosts = new int[layers][][];
    boolean[] atNext = new boolean[layers];
    double[] layerS = new double[layers];
    IntStream.range(0, layers).parallel().forEach(l -> {
      int nl = (l + 1) % layers;
      double[] shares = sc.stats().layerShares(l);
      ExpertAssignmentSearch.Assignment best = null;
      boolean bestNext = false;
      for (boolean next : modes(l, layers)) {
        LayerCostModel m = new LayerCostModel(table, l, gw[l], gw[nl], next, x, hop, sets[l]);
        ExpertAssignmentSearch.Assignment a = ExpertAssignmentSearch.improve(m, ExpertAssignmentSearch.sortedStart(m, shares));
        if (!next && gw[l] == 0 && gw[nl] == 0) {
          ExpertAssignmentSearch.Assignment fromStart = ExpertAssignmentSearch.improve(m, startHosts[l]);
          if (a == null || fromStart.expectedS() < a.expectedS()) {
            a = fromStart;
          }
        }
        if (a != null && (best == null || a.expectedS() < best.expectedS())) {
          best = a;
          bestNext = next;
        }
      }
      int[] members = subnets.get(l).members();
      hosts[l] = new int[best.host().length][];
      for (int e = 0; e < best.host().length; e++) {
        hosts[l][e] = new int[] {members[best.host()[e]]};
      }
      atNext[l] = bestNext;
      layerS[l] = best.expectedS();
    });
    double afterS = fixedS;
    for (double v : layerS) {
      afterS += v;
    }
    if (maxSplitWidth > 1) {
      for (int l = 0; l < layers; l++) {
        afterS -= attentionSplit[l][gw[l]].savedS(sc.attentionComputeS(0));
      }
      afterS -= headSplit[gw[layers - 1]].savedS(sc.headComputeS());
    }
    if (!(afterS < startS)) {
      Placement same = start.placement();
      return new JointResult(new PlacementResult(new Placement(name(), same.subnets(), same.gateways(),
          same.expertHosts()), start.objectives(), start.unreachableWaits()), startS, startS, 0, 0);
    }
    int[][] members = new int[layers][];
    int[] gateways = new int[layers];
    int moved = 0;
    int next = 0;
    for (int l = 0; l < layers; l++) {
      members[l] = subnets.get(l).members();
      gateways[l] = members[l][cand[l][gw[l]]];
      moved += gw[l] != 0 ? 1 : 0;
      next += atNext[l] ? 1 : 0;
    }
    Placement p = new Placement(name(), members, gateways, hosts, atNext);
    if (maxSplitWidth > 1) {
      int[][] parts = new int[layers][];
      for (int l = 0; l < layers; l++) {
        parts[l] = satellites(members[l], attentionSplit[l][gw[l]].parts());
      }
      p = p.withSplit(new GatewaySplit(parts, satellites(members[layers - 1], headSplit[gw[layers - 1]].parts())));
    }
    SatelliteMemory.requireFits(sc, p);
    return new JointResult(new PlacementResult(p, start.objectives(), start.unreachableWaits()), startS, afterS, next,
        moved);
  }

  private static int[] satellites(int[] members, int[] positions) {
    return IntStream.of(positions).map(i -> members[i]).toArray();
  }

  /** Combine points to try for layer l: own, and next unless it is the last layer or not allowed. */
  private boolean[] modes(int l, int layers) {
    return allowCombineAtNext && l < layers - 1 ? new boolean[] {false, true} : new boolean[] {false};
  }

  /** Positions of the given satellites (one host per expert) in {@code members}. */
  static int[] positions(int[] members, int[][] hostsOfExperts) {
    int[] out = new int[hostsOfExperts.length];
    for (int e = 0; e < out.length; e++) {
      int sat = hostsOfExperts[e][0];
      out[e] = IntStream.range(0, members.length).filter(i -> members[i] == sat).findFirst().orElseThrow();
    }
    return out;
  }

  /** Whether every gateway and expert copy of {@code p} has a satellite of its own (the design space searched). */
  private static boolean oneRolePerSatellite(Placement p) {
    java.util.Set<Integer> used = new java.util.HashSet<>();
    int roles = 0;
    for (int l = 0; l < p.layers(); l++) {
      used.add(p.gateways()[l]);
      roles++;
      for (int[] copies : p.expertHosts()[l]) {
        for (int h : copies) {
          used.add(h);
          roles++;
        }
      }
    }
    return used.size() == roles;
  }
}
