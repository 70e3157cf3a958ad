package org.spacemoe.ground.latency;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.stream.IntStream;
import org.spacemoe.ground.latency.SplitGatewayTime.PartArm;
import org.spacemoe.ground.layout.GatewaySplit;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.routing.NetworkRealisations;
import org.spacemoe.shared.routing.PathLatencies;

/**
 * A placement's paths in one network realisation with some computers down: per layer, the satellite running its
 * gateway, the chosen copy of every expert and its "arm" of the critical path, and the path on to the next gateway.
 * Times in s. The per-token formula on top of it is {@link LayerCriticalPath}.
 *
 * <p>Of an expert's live copies, the one with the lowest one-way latency {@code P(g, h)} from the running gateway is
 * chosen (ties: plan order), as the onboard gateways choose ({@code ExpertCopies}); for a layer combined at the next
 * gateway that is not always the copy with the shortest arm.
 *
 * <p>An arm excludes compute: own combine {@code 2 P(g, h)} (a round trip that waited for the next slot's links waits
 * once: the reply travels in the new slot); next combine {@code P(g, h) + P(h, g_next)} (two paths, waiting at most
 * once, see {@link TokenLatencyEvaluator#onwardArm}). Its ISL hops, waiting and frame-hop overhead ride along. Every
 * frame hop costs the receiving computer's {@code hopOverheadS}, also between two roles on one satellite: such a
 * frame skips the link and the broker but still pays encode, decode, dispatch and queueing.
 */
final class RealisedPlacement {
  final Placement placement;
  /** Satellite running layer l's gateway: its gateway, or its standby when the gateway is down and the standby up. */
  final int[] running;
  /** Whether every layer has a running gateway. */
  final boolean gatewaysUp;
  /** Satellite of expert e's chosen copy, -1 when no copy is live. */
  final int[][] expertHost;
  final double[][] armS;
  final int[][] armHops;
  final double[][] armWaitS;
  final double[][] armOverheadS;
  final double[] nextS;
  final int[] nextHops;
  final double[] nextWaitS;
  final double[] nextOverheadS;
  /**
   * {@code attentionArms[l][i]}: the arm of layer l's attention part i from the running gateway
   * ({@link SplitGatewayTime}); null when a part's computer is down (the token fails there, as on an expert without
   * a live copy). Empty without a split.
   */
  final PartArm[][] attentionArms;
  /** The LM head parts' arms from the last layer's running gateway; null when one is down. */
  final PartArm[] headArms;
  /** Path queries of this realisation that waited for the next link state. */
  final long waits;

  private RealisedPlacement(Placement placement, int layers, int experts) {
    this.placement = placement;
    running = new int[layers];
    expertHost = new int[layers][experts];
    armS = new double[layers][experts];
    armHops = new int[layers][experts];
    armWaitS = new double[layers][experts];
    armOverheadS = new double[layers][experts];
    nextS = new double[layers];
    nextHops = new int[layers];
    nextWaitS = new double[layers];
    nextOverheadS = new double[layers];
    attentionArms = new PartArm[layers][];
    headArms = new PartArm[0];
    gatewaysUp = true;
    waits = 0;
  }

  private RealisedPlacement(RealisedPlacement r, boolean gatewaysUp, long waits, PartArm[] headArms) {
    placement = r.placement;
    running = r.running;
    expertHost = r.expertHost;
    armS = r.armS;
    armHops = r.armHops;
    armWaitS = r.armWaitS;
    armOverheadS = r.armOverheadS;
    nextS = r.nextS;
    nextHops = r.nextHops;
    nextWaitS = r.nextWaitS;
    nextOverheadS = r.nextOverheadS;
    attentionArms = r.attentionArms;
    this.headArms = headArms;
    this.gatewaysUp = gatewaysUp;
    this.waits = waits;
  }

  /**
   * @param cache path queries of this realisation already answered (shared by placements evaluated together)
   * @param down computers down in this realisation
   */
  static RealisedPlacement of(Scenario sc, Placement pl, NetworkRealisations.Realisation real, double waitS,
      Map<PathQuery, PathLatencies> cache, BitSet down) {
    int layers = pl.layers();
    int experts = pl.expertHosts()[0].length;
    RealisedPlacement r = new RealisedPlacement(pl, layers, experts);
    boolean gatewaysUp = true;
    long waits = 0;
    for (int l = 0; l < layers; l++) {
      int g = pl.gateways()[l];
      int standby = pl.standbys()[l];
      r.running[l] = g;
      if (down.get(g)) {
        if (standby >= 0 && !down.get(standby)) {
          r.running[l] = standby;
        } else {
          gatewaysUp = false;
        }
      }
    }
    for (int l = 0; l < layers; l++) {
      int gw = r.running[l];
      int next = r.running[(l + 1) % layers];
      int[][] hosts = pl.expertHosts()[l];
      int[] targets = targetsOf(hosts, next);
      PathLatencies pathLat = cache.computeIfAbsent(new PathQuery(gw, targets), k -> real.to(gw, targets));
      boolean atNext = pl.combineAtNext()[l];
      PathLatencies onward = atNext
          ? cache.computeIfAbsent(new PathQuery(next, targets), k -> real.to(next, targets)) : null;
      int pos = 0;
      for (int e = 0; e < experts; e++) {
        double best = Double.POSITIVE_INFINITY;
        int bestPos = -1;
        r.expertHost[l][e] = -1;
        for (int i = 0; i < hosts[e].length; i++, pos++) {
          int h = hosts[e][i];
          if (down.get(h)) {
            continue;
          }
          // the onboard gateway's rule (ExpertCopies): the live copy with the lowest one-way latency from the
          // gateway in this slot, ties in plan order; its arm follows (for a next combine, the onward path too)
          double oneWay = pathLat.latencyS()[pos];
          if (oneWay < best || bestPos < 0) {
            best = oneWay;
            bestPos = pos;
            r.expertHost[l][e] = h;
          }
        }
        if (bestPos < 0) {
          continue;
        }
        int h = r.expertHost[l][e];
        boolean w1 = pathLat.waitedForNextSlot()[bestPos];
        if (atNext) {
          boolean w2 = onward.waitedForNextSlot()[bestPos];
          r.armS[l][e] = TokenLatencyEvaluator.onwardArm(pathLat.latencyS()[bestPos], w1, onward.latencyS()[bestPos],
              w2, waitS);
          r.armHops[l][e] = Math.max(0, pathLat.hops()[bestPos]) + Math.max(0, onward.hops()[bestPos]);
          r.armWaitS[l][e] = w1 || w2 ? waitS : 0;
          r.armOverheadS[l][e] = armOverheadS(sc, h, next, pathLat.hops()[bestPos], onward.hops()[bestPos]);
          waits += w1 || w2 ? 1 : 0;
        } else {
          r.armS[l][e] = 2 * pathLat.latencyS()[bestPos] - (w1 ? waitS : 0);
          r.armHops[l][e] = 2 * Math.max(0, pathLat.hops()[bestPos]);
          r.armWaitS[l][e] = w1 ? waitS : 0;
          r.armOverheadS[l][e] = armOverheadS(sc, h, gw, pathLat.hops()[bestPos], pathLat.hops()[bestPos]);
          waits += w1 ? 1 : 0;
        }
      }
      r.nextS[l] = pathLat.latencyS()[pos];
      r.nextHops[l] = Math.max(0, pathLat.hops()[pos]);
      r.nextWaitS[l] = pathLat.waitedForNextSlot()[pos] ? waitS : 0;
      r.nextOverheadS[l] = frameOverheadS(sc, next, pathLat.hops()[pos]);
      waits += pathLat.waitedForNextSlot()[pos] ? 1 : 0;
    }
    GatewaySplit split = pl.split();
    PartArm[] head = new PartArm[0];
    for (int l = 0; l < layers; l++) {
      int gw = r.running[l];
      int[] attention = split.attentionParts()[l];
      int[] headParts = l == layers - 1 ? split.headParts() : new int[0];
      if (attention.length + headParts.length == 0) {
        r.attentionArms[l] = new PartArm[0];
        continue;
      }
      int[] targets = IntStream.concat(IntStream.of(attention), IntStream.of(headParts)).toArray();
      PathLatencies toParts = cache.computeIfAbsent(new PathQuery(gw, targets), k -> real.to(gw, targets));
      PartArm[] arms = new PartArm[targets.length];
      for (int i = 0; i < targets.length; i++) {
        if (down.get(targets[i])) {
          arms = null;
          break;
        }
        boolean waited = toParts.waitedForNextSlot()[i];
        int hops = Math.max(0, toParts.hops()[i]);
        arms[i] = new PartArm(2 * toParts.latencyS()[i] - (waited ? waitS : 0), 2 * hops, waited ? waitS : 0,
            armOverheadS(sc, targets[i], gw, toParts.hops()[i], toParts.hops()[i]));
        waits += waited ? 1 : 0;
      }
      r.attentionArms[l] = arms == null ? null : Arrays.copyOf(arms, attention.length);
      if (l == layers - 1) {
        head = arms == null ? null : Arrays.copyOfRange(arms, attention.length, arms.length);
      }
    }
    return new RealisedPlacement(r, gatewaysUp, waits, head);
  }

  /**
   * Overhead of the two frame hops of an arm: gateway to expert {@code host} ({@code hopsOut} ISL hops), host on to
   * {@code back} ({@code hopsBack}).
   */
  private static double armOverheadS(Scenario sc, int host, int back, int hopsOut, int hopsBack) {
    return frameOverheadS(sc, host, hopsOut) + frameOverheadS(sc, back, hopsBack);
  }

  /**
   * One frame hop to {@code to} over a route of {@code islHops}: the receiver's overhead, once, or with ISLs as links
   * ({@link Scenario#relaysPayHopOverhead}) once per ISL hop (every relay receives and sends it again; at least once).
   */
  static double frameOverheadS(Scenario sc, int to, int islHops) {
    return sc.hopOverheadS(to) * (sc.relaysPayHopOverhead() ? Math.max(1, islHops) : 1);
  }

  private static int[] targetsOf(int[][] hosts, int next) {
    int n = 1;
    for (int[] hs : hosts) {
      n += hs.length;
    }
    int[] targets = new int[n];
    int pos = 0;
    for (int[] hs : hosts) {
      for (int hh : hs) {
        targets[pos++] = hh;
      }
    }
    targets[pos] = next;
    return targets;
  }

  /** Cache key of one path query: equal only for the same source and the same targets in the same order. */
  record PathQuery(int source, int[] targets) {
    @Override
    public boolean equals(Object o) {
      return o instanceof PathQuery q && q.source == source && Arrays.equals(q.targets, targets);
    }

    @Override
    public int hashCode() {
      return 31 * source + Arrays.hashCode(targets);
    }
  }
}
