package org.spacemoe.ground.placement;

import org.spacemoe.ground.layout.Placement;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.spacemoe.ground.placement.capacity.ExpertSlots;
import org.spacemoe.ground.placement.capacity.SatelliteMemory;
import org.spacemoe.shared.input.InvalidInputException;

/** The paper's random baselines. */
public final class RandomPlacements {
  private RandomPlacements() {}

  /** {@code rand-place}: every gateway and expert on a distinct satellite drawn from the whole constellation. */
  public static PlacementStrategy randPlace() {
    return new Named("rand-place", "every gateway and expert on a random distinct satellite of the whole constellation"
        + " (several per satellite only when satellites or memory run short)") {
      @Override
      public PlacementResult place(PlanningContext ctx) {
        int layers = ctx.scenario().model().layers();
        int experts = ctx.scenario().model().experts();
        int n = ctx.scenario().constellation().size();
        int[] perm = shuffled(IntStream.range(0, n).toArray(), ctx.random(name()));
        int[][] subnets = new int[layers][];
        int[] gateways = new int[layers];
        int[][][] hosts = new int[layers][experts][];
        boolean oneRolePerSatellite = n >= layers * (experts + 1);
        if (oneRolePerSatellite) {
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
          // the paper's draw does not fit in memory: draw again, respecting memory
          oneRolePerSatellite = SatelliteMemory.of(ctx.scenario(),
              new Placement(name(), subnets, gateways, hosts)).overfull().isEmpty();
        }
        if (!oneRolePerSatellite) {
          drawWithinMemory(ctx, name(), subnets, gateways, hosts);
        }
        SatelliteMemory.requireFits(ctx.scenario(), new Placement(name(), subnets, gateways, hosts));
        return new PlacementResult(new Placement(name(), subnets, gateways, hosts), List.of(), 0);
      }
    };
  }

  /**
   * {@code rand-place} when there are fewer satellites than roles or too little memory: each gateway on the next
   * satellite of a random order with room for it, each layer's experts on random satellites with memory left,
   * every satellite getting a role before any gets another.
   */
  private static void drawWithinMemory(PlanningContext ctx, String name, int[][] subnets, int[] gateways,
      int[][][] hosts) {
    int layers = gateways.length;
    int experts = hosts[0].length;
    int n = ctx.scenario().constellation().size();
    int[] perm = shuffled(IntStream.range(0, n).toArray(), ctx.random(name + "-capacity"));
    SatelliteMemory memory = new SatelliteMemory(ctx.scenario());
    double[] rank = new double[n];
    for (int i = 0; i < n; i++) {
      rank[perm[i]] = i;
    }
    int[] all = IntStream.range(0, n).toArray();
    for (int l = 0; l < layers; l++) {
      gateways[l] = firstWithRoomForGateway(perm, memory, l);
      memory.addGateway(gateways[l], l);
      // the next gateway starts looking one satellite further on
      int first = perm[0];
      System.arraycopy(perm, 1, perm, 0, n - 1);
      perm[n - 1] = first;
    }
    for (int l = 0; l < layers; l++) {
      List<ExpertSlots.Slot> slots = ExpertSlots.choose(all, rank, memory, experts);
      if (slots.size() < experts) {
        throw new InvalidInputException("--fleet", name + ": the constellation's " + n
            + " satellites have no memory left for layer " + l + "'s experts");
      }
      TreeSet<Integer> members = new TreeSet<>();
      members.add(gateways[l]);
      for (int e = 0; e < experts; e++) {
        int sat = slots.get(e).satellite();
        hosts[l][e] = new int[] {sat};
        memory.addExpert(sat);
        members.add(sat);
      }
      subnets[l] = members.stream().mapToInt(Integer::intValue).toArray();
      // the next layer draws in a fresh random order
      shuffled(perm, ctx.random(name + l));
      for (int i = 0; i < n; i++) {
        rank[perm[i]] = i;
      }
    }
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
        int[][] perms = new int[layers][];
        SatelliteMemory memory = new SatelliteMemory(ctx.scenario());
        for (int l = 0; l < layers; l++) {
          Subnet sn = subnets.get(l);
          members[l] = sn.members();
          int[] perm = shuffled(sn.members().clone(), rnd);
          perms[l] = perm;
          int gw = centralGateway ? sn.centre() : firstWithRoomForGateway(perm, memory, l);
          gateways[l] = gw;
          memory.addGateway(gw, l);
        }
        for (int l = 0; l < layers; l++) {
          // candidates in the random order; with one free satellite per expert these are the first E of
          // the shuffled members other than the gateway, as in the paper
          int[] order = perms[l];
          double[] rank = new double[order.length];
          for (int i = 0; i < order.length; i++) {
            rank[i] = i;
          }
          List<ExpertSlots.Slot> slots = ExpertSlots.choose(order, rank, memory, experts);
          if (slots.size() < experts) {
            throw new InvalidInputException("--fleet", name() + ": layer " + l + "'s subnet of " + order.length
                + " satellites has memory for only " + slots.size() + " of " + experts + " experts");
          }
          for (int e = 0; e < experts; e++) {
            hosts[l][e] = new int[] {slots.get(e).satellite()};
            memory.addExpert(slots.get(e).satellite());
          }
        }
        SatelliteMemory.requireFits(ctx.scenario(), new Placement(name(), members, gateways, hosts));
        return new PlacementResult(new Placement(name(), members, gateways, hosts), List.of(), 0);
      }
    };
  }

  /** The first satellite in {@code order} whose free memory holds layer {@code l}'s gateway; else {@code order[0]}
   * (the memory check then refuses the plan, naming it). */
  private static int firstWithRoomForGateway(int[] order, SatelliteMemory memory, int l) {
    long need = memory.shardBytes().gatewayOfLayer(l, memory.layers());
    for (int s : order) {
      if (memory.free(s) >= need) {
        return s;
      }
    }
    return order[0];
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
