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
 * The {@code spacemoe} (or {@code optimal-linear}) plan of the whole constellation, computed inside a band of planes
 * around the gateways: the same {@link org.spacemoe.ground.layout.Placement} and layer objectives as
 * {@link RingLinearPlacement#place}.
 *
 * <p>Exact by construction: the whole plan puts each layer's experts on the cheapest members of its ring subnet (by
 * level, then expected gateway latency, then index). Here those costs are exact for the members near the gateway
 * ({@link RegionGatewayLatency}); the plan is accepted only when every layer's chosen experts are all first
 * experts on their satellite (level 0) and every other member's cost is provably higher than the last one chosen.
 * Otherwise the band margin and the search quota double and the plan is redone; when the band reaches around the
 * constellation the whole-constellation planner runs. {@code unreachableWaits} counts no cut paths: the costs used
 * are of members the failure graph reaches in every slot.
 */
public final class RegionRingPlanner {
  /** Planes added on each side of the gateways' planes at the first attempt. */
  public static final int FIRST_MARGIN_PLANES = 8;

  private final RingLinearPlacement strategy;

  public RegionRingPlanner(RingLinearPlacement strategy) {
    this.strategy = strategy;
  }

  /**
   * A plan and where it was computed.
   *
   * @param band the band of the accepted attempt (all planes when the whole-constellation planner ran)
   * @param attempts attempts made (1 when the first band sufficed)
   */
  public record RegionPlan(PlacementResult result, PlaneBand band, int attempts) {}

  public RegionPlan place(PlanningContext ctx, Consumer<String> log) {
    List<Subnet> subnets = ctx.ringSubnets();
    int[] gateways = subnets.stream().mapToInt(Subnet::centre).toArray();
    int experts = ctx.scenario().model().experts();
    var c = ctx.network().constellation();
    int[] gatewayPlanes = new int[gateways.length];
    for (int l = 0; l < gateways.length; l++) {
      gatewayPlanes[l] = c.satellites().get(gateways[l]).plane();
    }
    int margin = FIRST_MARGIN_PLANES;
    int quota = 2 * experts;
    int slots = ctx.network().slots().count();
    double waitS = ctx.network().waitForNextSlotS();
    int[][] none = new int[gateways.length][0];
    for (int attempt = 1; ; attempt++) {
      PlaneBand band = PlaneBand.covering(gatewayPlanes, margin, c.planeCount());
      if (band.isWhole()) {
        log.accept("region plan: band reaches around; planning the whole constellation");
        return new RegionPlan(strategy.place(ctx), band, attempt);
      }
      BandNetwork net = new BandNetwork(ctx.network(), band);
      // a first look finds each layer's likely experts; the second search settles them in every slot
      List<RegionGatewayLatency.Layer> first =
          RegionGatewayLatency.compute(net, slots, subnets, gateways, quota, none, waitS);
      final int wanted = quota;
      int[][] required = first.stream()
          .map(f -> Arrays.copyOf(f.nearest(), Math.min(wanted, f.nearest().length))).toArray(int[][]::new);
      List<RegionGatewayLatency.Layer> layers =
          RegionGatewayLatency.compute(net, slots, subnets, gateways, quota, required, waitS);
      String undecided = undecidedLayer(ctx, gateways, layers, experts);
      if (undecided == null) {
        int[][] candidates = layers.stream().map(RegionGatewayLatency.Layer::candidates).toArray(int[][]::new);
        double[][] costs = layers.stream().map(RegionGatewayLatency.Layer::meanS).toArray(double[][]::new);
        log.accept("region plan: " + band.describe() + ", " + net.size() + " satellites, quota " + quota);
        return new RegionPlan(strategy.placeAmong(ctx, candidates, costs, 0), band, attempt);
      }
      log.accept("region plan: " + undecided + " in " + band.describe() + " (quota " + quota
          + "); doubling margin and quota");
      margin *= 2;
      quota *= 2;
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
