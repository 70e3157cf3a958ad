package org.spacemoe.ground.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.CombinePoint;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;

/**
 * A placement in dense satellite indices: per layer its subnet, gateway, the hosts of each expert and where
 * the expert outputs are combined.
 *
 * @param subnets {@code subnets[l]}: members of layer l's subnet
 * @param gateways {@code gateways[l]}: gateway of layer l
 * @param expertHosts {@code expertHosts[l][e]}: satellites hosting expert e of layer l (at least one)
 * @param combineAtNext {@code combineAtNext[l]}: layer l's expert outputs go straight on to layer l+1's gateway
 *     ({@link CombinePoint#NEXT}); false for the last layer
 * @param standbys {@code standbys[l]}: layer l's standby gateway, a member of its subnet other than its gateway that
 *     takes the layer over when the gateway's computer is down ({@link LayerPlacement#standby()}); -1 for none. Never
 *     null (the constructors without it give -1 everywhere).
 * @param split tensor-parallel gateway parts ({@link GatewaySplit}); never null (the constructors
 *     without it, and null, give no split)
 */
public record Placement(String strategy, int[][] subnets, int[] gateways, int[][][] expertHosts,
    boolean[] combineAtNext, int[] standbys, GatewaySplit split) {

  /** No gateway split. */
  public Placement(String strategy, int[][] subnets, int[] gateways, int[][][] expertHosts,
      boolean[] combineAtNext, int[] standbys) {
    this(strategy, subnets, gateways, expertHosts, combineAtNext, standbys, null);
  }

  /** Every layer combined at its own gateway (the paper's design), no standby gateways. */
  public Placement(String strategy, int[][] subnets, int[] gateways, int[][][] expertHosts) {
    this(strategy, subnets, gateways, expertHosts, new boolean[gateways.length]);
  }

  /** No standby gateways. */
  public Placement(String strategy, int[][] subnets, int[] gateways, int[][][] expertHosts,
      boolean[] combineAtNext) {
    this(strategy, subnets, gateways, expertHosts, combineAtNext, noStandbys(gateways.length));
  }

  private static int[] noStandbys(int layers) {
    int[] none = new int[layers];
    Arrays.fill(none, -1);
    return none;
  }

  /** This placement with {@code standbys} ({@code standbys[l]}: layer l's standby satellite, -1 for none). */
  public Placement withStandbys(int[] standbys) {
    return new Placement(strategy, subnets, gateways, expertHosts, combineAtNext, standbys.clone(), split);
  }

  /** This placement under another strategy name, standbys and split all. */
  public Placement named(String name) {
    return new Placement(name, subnets, gateways, expertHosts, combineAtNext, standbys, split);
  }

  /** This placement with its gateways split as {@code s} says . */
  public Placement withSplit(GatewaySplit s) {
    return new Placement(strategy, subnets, gateways, expertHosts, combineAtNext, standbys, s);
  }

  /** This placement without standby gateways (as when planned without {@code --gateway-standby}). */
  public Placement withoutStandbys() {
    return withStandbys(noStandbys(gateways.length));
  }

  /** True when some layer has a standby gateway. */
  public boolean hasStandbys() {
    for (int s : standbys) {
      if (s >= 0) {
        return true;
      }
    }
    return false;
  }

  public Placement {
    if (standbys == null) {
      standbys = noStandbys(gateways.length);
    }
    if (split == null) {
      split = GatewaySplit.none(gateways.length);
    }
    split.check(gateways);
    if (standbys.length != gateways.length) {
      throw new IllegalArgumentException("standbys has " + standbys.length + " entries for " + gateways.length
          + " layers");
    }
    for (int l = 0; l < standbys.length; l++) {
      if (standbys[l] >= 0 && standbys[l] == gateways[l]) {
        throw new IllegalArgumentException("layer " + l + "'s standby is its gateway");
      }
    }
    if (combineAtNext.length != gateways.length) {
      throw new IllegalArgumentException("combineAtNext has " + combineAtNext.length + " entries for "
          + gateways.length + " layers");
    }
    if (combineAtNext.length > 0 && combineAtNext[combineAtNext.length - 1]) {
      throw new IllegalArgumentException("the last layer must combine at its own gateway (it runs the LM head)");
    }
  }

  /** True when some layer combines at the next layer's gateway. */
  public boolean combinesAnywhereAtNext() {
    for (boolean b : combineAtNext) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  public int layers() {
    return gateways.length;
  }

  /** Converts to the shared plan format with satellite names (tensor-parallel parts included). */
  public PlacementPlan toPlan(Scenario sc, long planVersion) {
    List<Satellite> sats = sc.constellation().satellites();
    List<LayerPlacement> layers = new ArrayList<>();
    for (int l = 0; l < layers(); l++) {
      List<String> subnet = Arrays.stream(subnets[l]).mapToObj(i -> sats.get(i).name()).toList();
      List<List<String>> experts = new ArrayList<>();
      for (int[] hosts : expertHosts[l]) {
        experts.add(Arrays.stream(hosts).mapToObj(i -> sats.get(i).name()).toList());
      }
      List<String> headParts = l == layers() - 1 ? names(sats, split.headParts()) : List.of();
      layers.add(new LayerPlacement(l, subnet, sats.get(gateways[l]).name(), experts,
          combineAtNext[l] ? CombinePoint.NEXT : CombinePoint.OWN, standbys[l] < 0 ? null : sats.get(standbys[l]).name(),
          names(sats, split.attentionParts()[l]), headParts));
    }
    List<double[]> shares = new ArrayList<>();
    for (int l = 0; l < sc.stats().layers(); l++) {
      shares.add(sc.stats().layerShares(l));
    }
    PlanInputs inputs = new PlanInputs(
        sc.constellationSpec(),
        new PlanInputs.ModelDims(sc.model().name(), sc.model().layers(), sc.model().experts(), sc.model().topK(),
            sc.model().hidden(), sc.model().expertWidth(), sc.model().vocab()),
        PlanInputs.DeviceSpec.of(sc.device()),
        sc.codec().wireName(), sc.contextTokens(), sc.islRateBitsPerS(), sc.islRules().trackingLimitRadPerS(),
        sc.linkSurvival(), sc.slots(), sc.seed(), sc.stats().source(), shares, sc.fleet().toPlan(),
        sc.epochS() == 0 ? null : sc.epochS());
    return new PlacementPlan(PlacementPlan.SCHEMA_VERSION, planVersion, strategy, sc.constellation().id(), layers,
        Map.of(), inputs);
  }

  /** Resolves a plan's satellite names against a constellation; checks it covers every layer and expert. */
  public static Placement fromPlan(PlacementPlan plan, Constellation c, String input) {
    Map<String, Integer> byName = new HashMap<>();
    for (Satellite s : c.satellites()) {
      byName.put(s.name(), s.index());
    }
    if (!plan.constellationId().equals(c.id())) {
      throw new InvalidInputException(input, "was made for constellation " + plan.constellationId()
          + " but its spec builds " + c.id());
    }
    int layers = plan.inputs().model().layers();
    int experts = plan.inputs().model().experts();
    if (plan.layers().size() != layers) {
      throw new InvalidInputException(input, "has " + plan.layers().size() + " layers, its model has " + layers);
    }
    int[][] subnets = new int[layers][];
    int[] gateways = new int[layers];
    int[][][] hosts = new int[layers][][];
    boolean[] combineAtNext = new boolean[layers];
    int[] standbys = noStandbys(layers);
    int[][] attentionParts = new int[layers][];
    int[] headParts = new int[0];
    for (int l = 0; l < layers; l++) {
      LayerPlacement lp = plan.layers().get(l);
      String where = "layer " + l;
      if (lp.layer() != l) {
        throw new InvalidInputException(input, "layer entry " + l + " says layer " + lp.layer());
      }
      subnets[l] = lp.subnet().stream().mapToInt(n -> resolve(byName, n, input, where)).toArray();
      gateways[l] = resolve(byName, lp.gateway(), input, where + " gateway");
      if (lp.experts().size() != experts) {
        throw new InvalidInputException(input, where + " places " + lp.experts().size() + " experts, the model has " + experts);
      }
      combineAtNext[l] = lp.combinePoint() == CombinePoint.NEXT;
      String splitProblem = lp.splitProblem(layers - 1);
      if (splitProblem != null) {
        throw new InvalidInputException(input, splitProblem);
      }
      attentionParts[l] = lp.attentionParts().stream().mapToInt(n -> resolve(byName, n, input, where + " attention part"))
          .toArray();
      if (l == layers - 1) {
        headParts = lp.headParts().stream().mapToInt(n -> resolve(byName, n, input, where + " head part")).toArray();
      }
      if (lp.standby() != null) {
        String problem = lp.standbyProblem();
        if (problem != null) {
          throw new InvalidInputException(input, problem);
        }
        standbys[l] = resolve(byName, lp.standby(), input, where + " standby");
      }
      hosts[l] = new int[experts][];
      for (int e = 0; e < experts; e++) {
        List<String> h = lp.experts().get(e);
        if (h.isEmpty()) {
          throw new InvalidInputException(input, where + " expert " + e + " has no host");
        }
        final int ee = e;
        hosts[l][e] = h.stream().mapToInt(n -> resolve(byName, n, input, where + " expert " + ee)).toArray();
      }
    }
    return new Placement(plan.strategy(), subnets, gateways, hosts, combineAtNext, standbys,
        new GatewaySplit(attentionParts, headParts));
  }

  private static List<String> names(List<Satellite> sats, int[] indices) {
    return Arrays.stream(indices).mapToObj(i -> sats.get(i).name()).toList();
  }

  private static int resolve(Map<String, Integer> byName, String name, String input, String where) {
    Integer i = byName.get(name);
    if (i == null) {
      throw new InvalidInputException(input, where + " names satellite '" + name + "', which is not in the constellation");
    }
    return i;
  }
}
