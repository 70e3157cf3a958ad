package org.spacemoe.onboard.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.TensorCodec;
import org.spacemoe.shared.plan.CombinePoint;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.LinkClass;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * What a plan asks of each satellite: the layers it is gateway of and the experts it hosts, plus the
 * gateway of every layer and every copy of every expert (the plan lists one host per copy; every copy loads the
 * expert's shard and serves it), and the activation codec of each link (the plan's {@code linkCodecs}).
 */
public final class PlanRoles {
  private final int layers;
  private final String[] gateways;
  private final String[] standbys;
  /** {@code expertHosts.get(l).get(e)}: the copies of expert e of layer l. */
  private final List<List<List<String>>> expertHosts;
  private final boolean[] combineAtNext;
  private final Map<String, List<Integer>> gatewayLayersBySatellite = new HashMap<>();
  private final Map<String, List<int[]>> expertsBySatellite = new HashMap<>();
  private final PlacementPlan plan;
  private final List<List<String>> attentionParts = new ArrayList<>();
  private final List<String> headParts;
  /** {layer, share} of every attention share a satellite computes for another satellite's layer. */
  private final Map<String, List<int[]>> attentionSharesBySatellite = new HashMap<>();
  /** {share} of every LM-head slice a satellite computes for the last layer's gateway. */
  private final Map<String, List<Integer>> headSlicesBySatellite = new HashMap<>();

  public PlanRoles(PlacementPlan plan) {
    this.plan = plan;
    this.layers = plan.layers().size();
    this.combineAtNext = new boolean[layers];
    this.gateways = new String[layers];
    this.standbys = new String[layers];
    this.expertHosts = new ArrayList<>(java.util.Collections.nCopies(layers, List.of()));
    for (LayerPlacement lp : plan.layers()) {
      int l = lp.layer();
      gateways[l] = lp.gateway();
      combineAtNext[l] = lp.combinePoint() == CombinePoint.NEXT;
      gatewayLayersBySatellite.computeIfAbsent(lp.gateway(), k -> new ArrayList<>()).add(l);
      standbys[l] = lp.standby();
      if (lp.standby() != null) {
        gatewayLayersBySatellite.computeIfAbsent(lp.standby(), k -> new ArrayList<>()).add(l);
      }
      expertHosts.set(l, lp.experts());
      attentionParts.add(lp.attentionParts());
      for (int i = 0; i < lp.attentionParts().size(); i++) {
        attentionSharesBySatellite.computeIfAbsent(lp.attentionParts().get(i), k -> new ArrayList<>())
            .add(new int[] {l, i + 1});
      }
      for (int e = 0; e < lp.experts().size(); e++) {
        for (String host : lp.experts().get(e)) {
          expertsBySatellite.computeIfAbsent(host, k -> new ArrayList<>()).add(new int[] {l, e});
        }
      }
    }
    this.headParts = layers == 0 ? List.of() : plan.layers().get(layers - 1).headParts();
    for (int i = 0; i < headParts.size(); i++) {
      headSlicesBySatellite.computeIfAbsent(headParts.get(i), k -> new ArrayList<>()).add(i + 1);
    }
  }

  /** The satellites computing shares 1.. of layer {@code layer}'s attention (empty: not split). */
  public List<String> attentionParts(int layer) {
    return attentionParts.get(layer);
  }

  /** Satellites sharing layer {@code layer}'s attention, its gateway included. */
  public int attentionWidth(int layer) {
    return attentionParts.get(layer).size() + 1;
  }

  /** The satellites computing slices 1.. of the LM head (empty: not split). */
  public List<String> headParts() {
    return headParts;
  }

  /** Satellites sharing the LM head, the last gateway included. */
  public int headWidth() {
    return headParts.size() + 1;
  }

  /** {layer, share} pairs of the attention shares {@code satellite} computes as a part. */
  public List<int[]> attentionSharesOf(String satellite) {
    return attentionSharesBySatellite.getOrDefault(satellite, List.of());
  }

  /** The LM-head slices {@code satellite} computes as a part. */
  public List<Integer> headSlicesOf(String satellite) {
    return headSlicesBySatellite.getOrDefault(satellite, List.of());
  }

  /** Every satellite holding per-sequence state: gateways, standbys and attention parts, each once. */
  public java.util.Set<String> sequenceStateHolders() {
    java.util.Set<String> s = gatewaysAndStandbys();
    attentionParts.forEach(s::addAll);
    return s;
  }

  public int layers() {
    return layers;
  }

  public String gateway(int layer) {
    return gateways[layer];
  }

  /** The standby of layer {@code layer}'s gateway, or null when the plan names none. */
  public String standby(int layer) {
    return layer >= 0 && layer < layers ? standbys[layer] : null;
  }

  /** Every gateway and standby of the plan, each once. */
  public java.util.Set<String> gatewaysAndStandbys() {
    java.util.Set<String> s = new java.util.LinkedHashSet<>(java.util.Arrays.asList(gateways));
    for (String sb : standbys) {
      if (sb != null) {
        s.add(sb);
      }
    }
    return s;
  }

  /**
   * Modelled one-way latency from {@code from} to the farthest first copy of layer {@code layer}'s experts in the
   * current slot, s (how long a fan-out from there waits at most, one way).
   */
  double farthestExpertS(int layer, String from, FrameSink links, int bytes) {
    if (layer < 0 || layer >= layers) {
      return 0;
    }
    double worst = 0;
    for (List<String> copies : expertHosts.get(layer)) {
      worst = Math.max(worst, links.modelledLatencyS(from, copies.get(0), bytes));
    }
    return worst;
  }

  /** The satellite the first layer's gateway runs on: where tokens enter and the ring closes. */
  public String entry() {
    return gateways[0];
  }

  /** Whether layer {@code layer}'s expert outputs are combined at the next layer's gateway. */
  public boolean combinesAtNext(int layer) {
    return layer >= 0 && layer < layers && combineAtNext[layer];
  }

  /** Where layer {@code layer}'s experts send their outputs: its own gateway, or the next layer's. */
  public String combiner(int layer) {
    return combinesAtNext(layer) ? gateways[layer + 1] : gateways[layer];
  }

  public int expertCount(int layer) {
    return layer >= 0 && layer < layers ? expertHosts.get(layer).size() : 0;
  }

  /** Every satellite holding a copy of expert {@code expert} of {@code layer}, in plan order (non-empty). */
  public List<String> expertHosts(int layer, int expert) {
    return expertHosts.get(layer).get(expert);
  }

  /** The layers whose gateway (or standby) runs on {@code satellite}. */
  public List<Integer> gatewayLayersOf(String satellite) {
    return gatewayLayersBySatellite.getOrDefault(satellite, List.of());
  }

  /** {layer, expert} pairs hosted by {@code satellite}. */
  public List<int[]> expertsOf(String satellite) {
    return expertsBySatellite.getOrDefault(satellite, List.of());
  }

  /** The codec a frame of {@code kind} (a float kind) carrying {@code layer} is sent with. */
  public TensorCodec codecFor(FrameKind kind, int layer) {
    return plan.codecFor(LinkClass.of(kind), layer);
  }
}
