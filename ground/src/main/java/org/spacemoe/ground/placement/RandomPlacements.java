package org.spacemoe.ground.placement;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.spacemoe.shared.input.InvalidInputException;

/** The paper's random baselines. */
public final class RandomPlacements {
  private RandomPlacements() {}

  /** {@code rand-place}: every gateway and expert on a distinct satellite drawn from the whole constellation. */
  public static PlacementStrategy randPlace() {
    return new Named("rand-place", "every gateway and expert on a random distinct satellite of the whole constellation") {
      @Override
      public PlacementResult place(PlanningContext ctx) {
        int layers = ctx.scenario().model().layers();
        int experts = ctx.scenario().model().experts();
        int n = ctx.scenario().constellation().size();
        if (n < layers * (experts + 1)) {
          throw new InvalidInputException("--constellation", "has " + n + " satellites; rand-place needs "
              + layers * (experts + 1) + " (one role per satellite)");
        }
        int[] perm = shuffled(IntStream.range(0, n).toArray(), ctx.random(name()));
        int[][] subnets = new int[layers][];
        int[] gateways = new int[layers];
        int[][][] hosts = new int[layers][experts][];
        int k = 0;
        for (int l = 0; l < layers; l++) {
          subnets[l] = new int[experts + 1];
          gateways[l] = perm[k];
          subnets[l][0] = perm[k++];
          for (int e = 0; e < experts; e++) {
            hosts[l][e] = new int[] {perm[k]};
            subnets[l][e + 1] = perm[k++];
          }
        }
        return new PlacementResult(new Placement(name(), subnets, gateways, hosts), List.of(), 0);
      }
    };
  }

  /** {@code rand-intra}: ring subnets, random gateway and random experts inside each subnet. */
  public static PlacementStrategy randIntra() {
    return ringRandom("rand-intra", "ring layers, random gateway and random experts inside each subnet", false);
  }

  /** {@code rand-intra-cg}: ring subnets, central gateway, random experts inside each subnet. */
  public static PlacementStrategy randIntraCg() {
    return ringRandom("rand-intra-cg", "ring layers, central gateway, random experts inside each subnet", true);
  }

  private static PlacementStrategy ringRandom(String name, String description, boolean centralGateway) {
    return new Named(name, description) {
      @Override
      public PlacementResult place(PlanningContext ctx) {
        List<Subnet> subnets = ctx.ringSubnets();
        int layers = subnets.size();
        int experts = ctx.scenario().model().experts();
        SplittableRandom rnd = ctx.random(name());
        int[][] members = new int[layers][];
        int[] gateways = new int[layers];
        int[][][] hosts = new int[layers][experts][];
        for (int l = 0; l < layers; l++) {
          Subnet sn = subnets.get(l);
          members[l] = sn.members();
          int[] perm = shuffled(sn.members().clone(), rnd);
          int gw = centralGateway ? sn.centre() : perm[0];
          gateways[l] = gw;
          int[] rest = IntStream.of(perm).filter(s -> s != gw).toArray();
          for (int e = 0; e < experts; e++) {
            hosts[l][e] = new int[] {rest[e]};
          }
        }
        return new PlacementResult(new Placement(name(), members, gateways, hosts), List.of(), 0);
      }
    };
  }

  static int[] shuffled(int[] a, SplittableRandom rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private abstract static class Named implements PlacementStrategy {
    private final String name;
    private final String description;

    Named(String name, String description) {
      this.name = name;
      this.description = description;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }
  }
}
