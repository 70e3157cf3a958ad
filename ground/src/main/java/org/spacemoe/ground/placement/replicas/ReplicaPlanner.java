package org.spacemoe.ground.placement.replicas;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.spacemoe.ground.placement.ExpectedGatewayLatency;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Subnet;
import org.spacemoe.ground.placement.capacity.ExpertSlots;
import org.spacemoe.ground.placement.capacity.SatelliteMemory;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.input.Checks;

/**
 * Spends a budget of extra expert copies ({@code round(budget * layers * experts)}) on top of a placement, one copy
 * at a time, where it gains most (greedy). The gain of one more copy of expert {@code e} of layer {@code l}, which
 * has {@code c} live-or-not copies and is selected by a token with probability {@code pi}:
 *
 * <pre>
 * gain = pi * [ q^c (1 - q) * T + 2 * max(0, L_best - L_new) ]
 * </pre>
 *
 * where {@code q} is the design failure probability of a satellite per slot, {@code q^c (1 - q)} the drop in the
 * probability that no copy is live, {@code T} the cost of a failed token (one token's compute floor, s: it has to
 * be generated again), and {@code L_best}, {@code L_new} the expected one-way latency from the gateway to the
 * nearest current copy and to the new one. The new copy goes to the subnet member with memory left that holds
 * the fewest roles, then has the lowest expected latency, and does not hold this expert yet. Both terms shrink as
 * copies are added, and the objective is a sum over experts (to first order in q), so taking the largest gain
 * each time is optimal for this objective.
 */
public final class ReplicaPlanner {
  private ReplicaPlanner() {}

  /** One extra copy: expert {@code expert} of layer {@code layer} on {@code satellite}, in spending order. */
  public record Copy(int layer, int expert, int satellite, double gain) {}

  /** The placement with its copies, and how many of the budget's copies found a gain and memory. */
  public record Result(Placement placement, List<Copy> copies, int budgetCopies) {}

  private record Candidate(int layer, int expert, int satellite, double gain) {}

  public static Result add(PlanningContext ctx, Placement base, double budget, double designFailure, String name) {
    Checks.inRange("--replica-budget", budget, 0, 100);
    Checks.inRange("--design-failure", designFailure, 0, 1);
    Scenario sc = ctx.scenario();
    int layers = base.layers();
    int experts = base.expertHosts()[0].length;
    int copies = (int) Math.round(budget * layers * experts);
    List<List<List<Integer>>> hosts = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      List<List<Integer>> row = new ArrayList<>();
      for (int[] h : base.expertHosts()[l]) {
        row.add(new ArrayList<>(Arrays.stream(h).boxed().toList()));
      }
      hosts.add(row);
    }
    List<Copy> done = new ArrayList<>();
    if (copies > 0) {
      List<Subnet> subnets = new ArrayList<>();
      for (int l = 0; l < layers; l++) {
        subnets.add(new Subnet(l, base.subnets()[l], base.gateways()[l]));
      }
      double[][] latency = ExpectedGatewayLatency.compute(ctx.network(), subnets, base.gateways()).meanS();
      double[][] pi = SelectionProbabilities.estimate(sc.stats(), sc.model().topK(), 20_000, sc.seed());
      double failedTokenS = layers * (sc.gatewayComputeS() + sc.expertComputeS()) + sc.headComputeS();
      SatelliteMemory memory = SatelliteMemory.of(sc, base);
      PriorityQueue<Candidate> queue = new PriorityQueue<>((a, b) -> a.gain != b.gain
          ? Double.compare(b.gain, a.gain) : a.layer != b.layer ? Integer.compare(a.layer, b.layer)
          : Integer.compare(a.expert, b.expert));
      for (int l = 0; l < layers; l++) {
        for (int e = 0; e < experts; e++) {
          offer(queue, candidate(l, e, base.subnets()[l], latency[l], hosts.get(l).get(e), memory, pi[l][e],
              designFailure, failedTokenS));
        }
      }
      while (done.size() < copies && !queue.isEmpty()) {
        Candidate c = queue.poll();
        List<Integer> h = hosts.get(c.layer).get(c.expert);
        if (!memory.fitsExpert(c.satellite)) {
          // another copy took the memory since this candidate was computed
          offer(queue, candidate(c.layer, c.expert, base.subnets()[c.layer], latency[c.layer], h, memory,
              pi[c.layer][c.expert], designFailure, failedTokenS));
          continue;
        }
        h.add(c.satellite);
        memory.addExpert(c.satellite);
        done.add(new Copy(c.layer, c.expert, c.satellite, c.gain));
        offer(queue, candidate(c.layer, c.expert, base.subnets()[c.layer], latency[c.layer], h, memory,
            pi[c.layer][c.expert], designFailure, failedTokenS));
      }
    }
    int[][][] out = new int[layers][experts][];
    for (int l = 0; l < layers; l++) {
      for (int e = 0; e < experts; e++) {
        out[l][e] = hosts.get(l).get(e).stream().mapToInt(Integer::intValue).toArray();
      }
    }
    // the base's combine points, standbys and split stay as they are
    return new Result(new Placement(name, base.subnets(), base.gateways(), out, base.combineAtNext(), base.standbys(),
        base.split()), done, copies);
  }

  private static void offer(PriorityQueue<Candidate> q, Candidate c) {
    if (c != null && c.gain > 0) {
      q.add(c);
    }
  }

  private static Candidate candidate(int l, int e, int[] members, double[] latency, List<Integer> hosts,
      SatelliteMemory memory, double pi, double q, double failedTokenS) {
    double best = Double.POSITIVE_INFINITY;
    double[] cost = latency.clone();
    for (int i = 0; i < members.length; i++) {
      if (hosts.contains(members[i])) {
        best = Math.min(best, latency[i]);
        cost[i] = Double.POSITIVE_INFINITY;
      }
    }
    List<ExpertSlots.Slot> slot = ExpertSlots.choose(members, cost, memory, 1);
    if (slot.isEmpty()) {
      return null;
    }
    double latencyGain = Double.isFinite(best) ? Math.max(0, best - slot.get(0).cost()) : 0;
    double availabilityGain = Math.pow(q, hosts.size()) * (1 - q);
    return new Candidate(l, e, slot.get(0).satellite(), pi * (availabilityGain * failedTokenS + 2 * latencyGain));
  }
}
