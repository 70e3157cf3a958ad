package org.spacemoe.ground.placement.region;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.spacemoe.ground.placement.PlacementResult;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.RingLinearPlacement;
import org.spacemoe.ground.placement.Subnet;
import org.spacemoe.ground.placement.capacity.ExpertSlots;
import org.spacemoe.ground.placement.capacity.SatelliteMemory;

/**
 * The {@code spacemoe} (or {@code optimal-linear}) plan of the whole constellation computed from the satellites
 * near each gateway: the same {@link org.spacemoe.ground.layout.Placement} and layer objectives as
 * {@link RingLinearPlacement#place}, without routing over every satellite.
 *
 * <p>Exact by construction: the whole plan puts each layer's experts on the cheapest members of its ring subnet (by
 * level, then expected gateway latency, then index). Per slot, a search from each gateway over the whole
 * constellation's graph (links evaluated as it reaches them, {@link LazyIslNetwork}) settles the nearest members;
 * a first pass finds the likely experts, a second settles them in every slot, so their expected latency is exact
 * ({@link RegionGatewayLatency}). The plan is accepted only when every layer's chosen experts are first experts on
 * their satellite (level 0) and every other member's expected latency is provably higher than the last one chosen;
 * otherwise the quota doubles and the plan is redone, and once the quota covers a whole subnet the
 * whole-constellation planner runs. {@code unreachableWaits} is 0: the costs used are of members the failure graph
 * reaches in every slot.
 */
public final class RegionRingPlanner {
  private final RingLinearPlacement strategy;

  public RegionRingPlanner(RingLinearPlacement strategy) {
    this.strategy = strategy;
  }

  /**
   * A plan and what it took.
   *
   * @param quota members per gateway and slot of the accepted attempt (0 when the whole-constellation planner ran)
   * @param attempts attempts made (1 when the first quota sufficed)
   * @param mostSettled the most satellites one search settled in the accepted attempt (0 when planned whole)
   */
  public record RegionPlan(PlacementResult result, int quota, int attempts, int mostSettled) {
    public boolean plannedWhole() {
      return quota == 0;
    }
  }

  public RegionPlan place(PlanningContext ctx, Consumer<String> log) {
    List<Subnet> subnets = ctx.ringSubnets();
    int[] gateways = subnets.stream().mapToInt(Subnet::centre).toArray();
    int experts = ctx.scenario().model().experts();
    int largestSubnet = subnets.stream().mapToInt(s -> s.members().length).max().orElse(0);
    LazyIslNetwork net = new LazyIslNetwork(ctx.network());
    int[] layerOf = new int[net.size()];
    Arrays.fill(layerOf, -1);
    for (Subnet s : subnets) {
      for (int m : s.members()) {
        layerOf[m] = s.layer();
      }
    }
    int slots = ctx.network().slots().count();
    double waitS = ctx.network().waitForNextSlotS();
    int[][] none = new int[gateways.length][0];
    for (int quota = 2 * experts, attempt = 1; ; quota *= 2, attempt++) {
      if (quota >= largestSubnet) {
        log.accept("region plan: quota " + quota + " reaches a whole subnet; planning the whole constellation");
        return new RegionPlan(strategy.place(ctx), 0, attempt, 0);
      }
      List<RegionGatewayLatency.Layer> first =
          RegionGatewayLatency.compute(net, slots, subnets, layerOf, gateways, quota, none, waitS);
      final int wanted = quota;
      int[][] required = first.stream()
          .map(f -> Arrays.copyOf(f.nearest(), Math.min(wanted, f.nearest().length))).toArray(int[][]::new);
      List<RegionGatewayLatency.Layer> layers =
          RegionGatewayLatency.compute(net, slots, subnets, layerOf, gateways, quota, required, waitS);
      int mostSettled = layers.stream().mapToInt(RegionGatewayLatency.Layer::mostSettled).max().orElse(0);
      String undecided = undecidedLayer(ctx, gateways, layers, experts);
      if (undecided == null) {
        int[][] candidates = layers.stream().map(RegionGatewayLatency.Layer::candidates).toArray(int[][]::new);
        double[][] costs = layers.stream().map(RegionGatewayLatency.Layer::meanS).toArray(double[][]::new);
        log.accept("region plan: quota " + quota + ", at most " + mostSettled + " satellites settled per search");
        return new RegionPlan(strategy.placeAmong(ctx, candidates, costs, 0), quota, attempt, mostSettled);
      }
      log.accept("region plan: " + undecided + " (quota " + quota + "); doubling the quota");
    }
  }

  /** Why the exact candidates do not settle some layer's experts, or null when they settle every layer's. */
  private static String undecidedLayer(PlanningContext ctx, int[] gateways, List<RegionGatewayLatency.Layer> layers,
      int experts) {
    SatelliteMemory memory = new SatelliteMemory(ctx.scenario());
    for (int l = 0; l < gateways.length; l++) {
      memory.addGateway(gateways[l], l);
    }
    for (int l = 0; l < layers.size(); l++) {
      RegionGatewayLatency.Layer layer = layers.get(l);
      List<ExpertSlots.Slot> chosen = ExpertSlots.choose(layer.candidates(), layer.meanS(), memory, experts);
      if (chosen.size() < experts) {
        return "layer " + l + ": " + chosen.size() + " exact candidates";
      }
      ExpertSlots.Slot last = chosen.get(chosen.size() - 1);
      if (last.level() != 0 || !(layer.othersAtLeastS() > last.cost())) {
        return String.format("layer %d: last expert at level %d, %.6f ms; other members from %.6f ms", l, last.level(),
            last.cost() * 1e3, layer.othersAtLeastS() * 1e3);
      }
    }
    return null;
  }
}
