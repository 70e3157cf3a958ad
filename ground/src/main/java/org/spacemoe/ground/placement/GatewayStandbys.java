package org.spacemoe.ground.placement;

import org.spacemoe.ground.layout.Placement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.spacemoe.ground.placement.capacity.SatelliteMemory;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.routing.NetworkRealisations;
import org.spacemoe.shared.routing.PathLatencies;

/**
 * Picks a standby gateway for every layer ({@code plan --gateway-standby}): the member of the layer's subnet, other
 * than its gateway, with the lowest expected latency as the layer's gateway, that has the memory for the gateway's
 * shards on top of what it already holds. It may also host experts.
 *
 * <p>Score of a candidate {@code c} of layer {@code l} (expected over the time slots of one orbit, each slot with one
 * seeded link-failure draw, as {@link ExpectedGatewayLatency}): the path from the previous layer's gateway
 * {@code P(g_{l-1}, c)}, the gateway compute on {@code c}'s device (plus the LM head on the last layer), the
 * linear expert objective the ring strategies place experts by, {@code sum_e p_e * P(c, nearest copy of e)}, and the
 * path on to the next layer's gateway {@code P(c, g_{l+1})}. Candidates are the {@value #CANDIDATES} members with the
 * lowest expected latency from the gateway (the ranking {@code GatewayCandidates} uses for alternative gateways),
 * among those with the memory; a candidate unreachable in some slot is never chosen. Ties go to the lower satellite
 * index. Deterministic.
 *
 * <p>Each layer's standby is chosen against the plan's gateways (the neighbours' gateways up), and memory is charged
 * layer by layer, in order.
 */
public final class GatewayStandbys {
  /** Members of a subnet scored as standby, nearest the gateway first. */
  static final int CANDIDATES = 8;

  private GatewayStandbys() {}

  /**
   * {@code p} with a standby gateway on every layer (replacing any it had).
   *
   * @throws InvalidInputException (exit 2) when some layer's subnet has no member that can take it: another
   *     member, reachable in every slot, with memory for the gateway shards
   */
  public static Placement assign(PlanningContext ctx, Placement p) {
    Scenario sc = ctx.scenario();
    NetworkRealisations net = ctx.network();
    int layers = p.layers();
    Placement without = p.withoutStandbys();
    SatelliteMemory memory = SatelliteMemory.of(sc, without);
    List<Satellite> sats = sc.constellation().satellites();
    int[] standbys = new int[layers];
    for (int l = 0; l < layers; l++) {
      long need = memory.shardBytes().gatewayOfLayer(l, layers);
      int gw = p.gateways()[l];
      int[] members = p.subnets()[l];
      final SatelliteMemory mem = memory;
      int[] parts = l == layers - 1 ? java.util.stream.IntStream.concat(Arrays.stream(p.split().attentionParts()[l]),
          Arrays.stream(p.split().headParts())).toArray() : p.split().attentionParts()[l];
      int[] fits = Arrays.stream(members).filter(m -> m != gw && mem.free(m) >= need
          && Arrays.stream(parts).noneMatch(x -> x == m)).toArray(); // a part cannot also stand in for its lead
      int[] candidates = nearest(net, gw, fits, CANDIDATES);
      double[] score = score(ctx, p, l, candidates);
      int best = -1;
      for (int i = 0; i < candidates.length; i++) {
        if (Double.isFinite(score[i]) && (best < 0 || score[i] < score[best])) {
          best = i;
        }
      }
      if (best < 0) {
        throw new InvalidInputException("--gateway-standby", "layer " + l + ": no satellite of its subnet of "
            + members.length + " can stand by for its gateway " + sats.get(gw).name() + " (another member, reachable"
            + " in every slot, with " + need + " bytes free for the gateway shards; " + fits.length + " have the"
            + " memory); use devices with more memory, a larger constellation, or plan without --gateway-standby");
      }
      standbys[l] = candidates[best];
      memory.add(standbys[l], need);
    }
    return p.withStandbys(standbys);
  }

  /**
   * {@code plan} with a standby gateway on every layer, chosen for {@code scenario} (the one the plan was computed
   * for, e.g. rebuilt from its inputs); everything else of the plan (version, digests, link codecs) unchanged.
   */
  public static PlacementPlan assign(PlacementPlan plan, Scenario scenario) {
    Placement p = Placement.fromPlan(plan, scenario.constellation(), "plan");
    Placement withStandbys = assign(new PlanningContext(scenario), p);
    List<Satellite> sats = scenario.constellation().satellites();
    List<LayerPlacement> layers = new ArrayList<>();
    for (LayerPlacement lp : plan.layers()) {
      layers.add(lp.withStandby(sats.get(withStandbys.standbys()[lp.layer()]).name()));
    }
    return new PlacementPlan(plan.schemaVersion(), plan.planVersion(), plan.strategy(), plan.constellationId(), layers,
        plan.shardDigests(), plan.inputs(), plan.linkCodecs());
  }

  /** Up to {@code count} of {@code members}, lowest expected latency from {@code gateway} first (index on ties). */
  private static int[] nearest(NetworkRealisations net, int gateway, int[] members, int count) {
    if (members.length <= count) {
      return members;
    }
    double[] mean = expected(net, gateway, members);
    return IntStream.range(0, members.length).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> mean[i]).thenComparingInt(i -> members[i]))
        .limit(count).mapToInt(i -> members[i]).toArray();
  }

  private static double[] expected(NetworkRealisations net, int source, int[] targets) {
    int slots = net.slots().count();
    double[] mean = new double[targets.length];
    double[][] perSlot = new double[slots][];
    IntStream.range(0, slots).parallel().forEach(s -> perSlot[s] = net.realisation(s, 0).to(source, targets).latencyS());
    for (int s = 0; s < slots; s++) {
      for (int i = 0; i < targets.length; i++) {
        mean[i] += perSlot[s][i] / slots;
      }
    }
    return mean;
  }

  /** Expected latency of layer {@code l} with each candidate as its gateway (see the class comment). */
  static double[] score(PlanningContext ctx, Placement p, int l, int[] candidates) {
    Scenario sc = ctx.scenario();
    NetworkRealisations net = ctx.network();
    int layers = p.layers();
    int prev = p.gateways()[(l - 1 + layers) % layers];
    int next = p.gateways()[(l + 1) % layers];
    int[][] hosts = p.expertHosts()[l];
    double[] shares = sc.stats().layerShares(l);
    int copies = Arrays.stream(hosts).mapToInt(h -> h.length).sum();
    int[] targets = new int[copies + 1];
    int pos = 0;
    for (int[] h : hosts) {
      for (int x : h) {
        targets[pos++] = x;
      }
    }
    targets[copies] = next;
    int slots = net.slots().count();
    double[][] perSlot = new double[slots][candidates.length];
    IntStream.range(0, slots).parallel().forEach(s -> {
      NetworkRealisations.Realisation r = net.realisation(s, 0);
      double[] in = r.to(prev, candidates).latencyS();
      for (int i = 0; i < candidates.length; i++) {
        double[] out = r.to(candidates[i], targets).latencyS();
        double v = in[i] + out[copies];
        int k = 0;
        for (int e = 0; e < hosts.length; e++) {
          double nearest = Double.POSITIVE_INFINITY;
          for (int j = 0; j < hosts[e].length; j++, k++) {
            nearest = Math.min(nearest, out[k]);
          }
          v += shares[e] > 0 ? shares[e] * nearest : 0;
        }
        perSlot[s][i] = v;
      }
    });
    double[] mean = new double[candidates.length];
    for (int i = 0; i < candidates.length; i++) {
      int c = candidates[i];
      mean[i] = sc.gatewayComputeS(c) + (l == layers - 1 ? sc.headComputeS(c) : 0);
      for (int s = 0; s < slots; s++) {
        mean[i] += perSlot[s][i] / slots;
      }
    }
    return mean;
  }
}
