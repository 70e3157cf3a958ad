package org.spacemoe.ground.placement;

import org.spacemoe.ground.layout.Placement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.spacemoe.ground.placement.capacity.ExpertSlots;
import org.spacemoe.ground.placement.capacity.SatelliteMemory;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Ring subnets with central gateways and experts placed for the linear objective against expected
 * gateway-to-satellite latency: {@code spacemoe} uses the sorted rule, {@code optimal-linear} the Hungarian
 * assignment; both compute the other to report whether the objective values agree.
 */
public final class RingLinearPlacement implements PlacementStrategy {
  /** Above this many candidates the Hungarian check uses the 4E cheapest candidates (an optimal assignment
   * never needs a candidate costlier than the E cheapest, by exchange). */
  static final int FULL_HUNGARIAN_MAX_CANDIDATES = 128;

  private final boolean useHungarian;

  private RingLinearPlacement(boolean useHungarian) {
    this.useHungarian = useHungarian;
  }

  public static RingLinearPlacement spaceMoe() {
    return new RingLinearPlacement(false);
  }

  public static RingLinearPlacement optimalLinear() {
    return new RingLinearPlacement(true);
  }

  @Override
  public String name() {
    return useHungarian ? "optimal-linear" : "spacemoe";
  }

  @Override
  public String description() {
    return useHungarian
        ? "ring layers, central gateway, experts by optimal linear assignment (Hungarian) on expected latency"
        : "ring layers along the orbit, central gateway, most active expert on the lowest expected-latency satellite";
  }

  @Override
  public PlacementResult place(PlanningContext ctx) {
    List<Subnet> subnets = ctx.ringSubnets();
    int[] gateways = subnets.stream().mapToInt(Subnet::centre).toArray();
    ExpectedGatewayLatency expected = ExpectedGatewayLatency.compute(ctx.network(), subnets, gateways);
    int[][] members = subnets.stream().map(Subnet::members).toArray(int[][]::new);
    return placeAmong(ctx, members, expected.meanS(), expected.unreachableWaits());
  }

  /**
   * The plan when layer {@code l}'s experts may go only to {@code candidates[l]} (members of its ring subnet) with
   * expected gateway latencies {@code costS[l]} (s, same order). With every member as a candidate this is
   * {@link #place}; a subset gives the same plan when no member left out would have been chosen.
   *
   * @param waits path queries cut by link failures while computing the costs (reported as is)
   */
  public PlacementResult placeAmong(PlanningContext ctx, int[][] candidates, double[][] costS, long waits) {
    List<Subnet> subnets = ctx.ringSubnets();
    int layers = subnets.size();
    int experts = ctx.scenario().model().experts();
    int[] gateways = subnets.stream().mapToInt(Subnet::centre).toArray();
    int[][] subnetMembers = new int[layers][];
    int[][][] hosts = new int[layers][experts][];
    List<LayerObjective> objectives = new ArrayList<>();
    SatelliteMemory memory = new SatelliteMemory(ctx.scenario());
    for (int l = 0; l < layers; l++) {
      memory.addGateway(gateways[l], l);
    }
    for (int layer = 0; layer < layers; layer++) {
      final int l = layer;
      Subnet sn = subnets.get(l);
      subnetMembers[l] = sn.members();
      int gw = gateways[l];
      // satellites the gateway cannot reach in some slot (expected latency infinite) cannot host an expert; the
      // gateway itself hosts experts only when memory forces several per satellite (it already has a role)
      List<ExpertSlots.Slot> slots = ExpertSlots.choose(candidates[l], costS[l], memory, experts);
      if (slots.size() < experts) {
        throw new InvalidInputException("--constellation", "layer " + l + ": its subnet of " + sn.members().length
            + " satellites has room for only " + slots.size() + " of " + experts + " experts (reachable from its"
            + " gateway in every slot, within device memory of " + memory.shardBytes().expert() + " bytes per expert);"
            + " use a larger constellation, devices with more memory, or check the ISL limits");
      }
      double[] candLat = slots.stream().mapToDouble(ExpertSlots.Slot::cost).toArray();
      double[] shares = ctx.scenario().stats().layerShares(l);
      LinearExpertAssignment sorted = SortedExpertAssigner.assign(shares, candLat);
      LinearExpertAssignment optimal = hungarian(shares, candLat, experts);
      objectives.add(LayerObjective.of(l, sorted.objectiveS(), optimal.objectiveS()));
      LinearExpertAssignment chosen = useHungarian ? optimal : sorted;
      for (int e = 0; e < experts; e++) {
        int sat = slots.get(chosen.candidateOfExpert()[e]).satellite();
        hosts[l][e] = new int[] {sat};
        memory.addExpert(sat);
      }
    }
    SatelliteMemory.requireFits(ctx.scenario(), new Placement(name(), subnetMembers, gateways, hosts));
    return new PlacementResult(new Placement(name(), subnetMembers, gateways, hosts), objectives, waits);
  }

  /** Optimal assignment; above {@link #FULL_HUNGARIAN_MAX_CANDIDATES} restricted to the 4E cheapest candidates. */
  static LinearExpertAssignment hungarian(double[] shares, double[] candLat, int experts) {
    if (candLat.length <= FULL_HUNGARIAN_MAX_CANDIDATES) {
      return HungarianExpertAssigner.assign(shares, candLat);
    }
    int keep = Math.min(candLat.length, 4 * experts);
    int[] cheapest = IntStream.range(0, candLat.length).boxed()
        .sorted((a, b) -> Double.compare(candLat[a], candLat[b]) != 0 ? Double.compare(candLat[a], candLat[b]) : Integer.compare(a, b))
        .limit(keep).mapToInt(Integer::intValue).toArray();
    double[] sub = Arrays.stream(cheapest).mapToDouble(i -> candLat[i]).toArray();
    LinearExpertAssignment a = HungarianExpertAssigner.assign(shares, sub);
    int[] mapped = Arrays.stream(a.candidateOfExpert()).map(i -> cheapest[i]).toArray();
    return new LinearExpertAssignment(mapped, a.objectiveS());
  }
}
