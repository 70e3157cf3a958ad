package org.spacemoe.shared.routing;

import java.util.BitSet;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.IslSnapshot;
import org.spacemoe.shared.constellation.LinkSurvival;
import org.spacemoe.shared.constellation.TimeSlots;

/**
 * The network seen by a token: realisation {@code (slot, draw)} is the ISL graph of time slot {@code slot}
 * with the link failures of survival draw {@code draw}. Snapshots are computed once per slot and cached.
 *
 * <p>Unreachable policy: when failures cut every path between two satellites that the failure-free graph of
 * the slot connects, the message waits for the link state of the next slot (on average half a slot,
 * {@link #waitForNextSlotS()}) and then takes the failure-free path; such events are flagged so reports can
 * count them. Pairs not connected even without failures get {@code +Infinity}.
 */
public final class NetworkRealisations {
  private final Constellation constellation;
  private final IslRules rules;
  private final TimeSlots slots;
  private final LinkSurvival survival;
  private final HopLatencyModel hop;
  private final IslSnapshot[] snapshots;
  private final SlotRouter[] nominalRouters;

  public NetworkRealisations(
      Constellation constellation, IslRules rules, TimeSlots slots, LinkSurvival survival, HopLatencyModel hop) {
    this.constellation = constellation;
    this.rules = rules;
    this.slots = slots;
    this.survival = survival;
    this.hop = hop;
    this.snapshots = new IslSnapshot[slots.count()];
    this.nominalRouters = new SlotRouter[slots.count()];
  }

  public Constellation constellation() {
    return constellation;
  }

  public TimeSlots slots() {
    return slots;
  }

  public HopLatencyModel hop() {
    return hop;
  }

  public LinkSurvival survival() {
    return survival;
  }

  public IslRules rules() {
    return rules;
  }

  /**
   * Link states (which links failed) last one interval of {@value #LINK_STATE_INTERVALS_PER_ORBIT} per orbit,
   * the paper's slot, whatever number of slots a run samples.
   */
  public static final int LINK_STATE_INTERVALS_PER_ORBIT = 200;

  /**
   * Expected wait for the next link state when failures disconnect a pair: half a link-state interval, s
   * (14.3 s at 550 km).
   */
  public double waitForNextSlotS() {
    return slots.periodS() / LINK_STATE_INTERVALS_PER_ORBIT / 2;
  }

  public IslSnapshot snapshot(int slot) {
    synchronized (snapshots) {
      if (snapshots[slot] == null) {
        snapshots[slot] = IslSnapshot.of(constellation, rules, slots, slot);
      }
      return snapshots[slot];
    }
  }

  private SlotRouter nominal(int slot) {
    IslSnapshot snap = snapshot(slot);
    synchronized (nominalRouters) {
      if (nominalRouters[slot] == null) {
        nominalRouters[slot] = new SlotRouter(snap, null, hop);
      }
      return nominalRouters[slot];
    }
  }

  /** Router for realisation {@code (slot, draw)}. */
  public Realisation realisation(int slot, int draw) {
    IslSnapshot snap = snapshot(slot);
    BitSet up = survival.sample(slot, draw, snap.candidates().size());
    return new Realisation(slot, draw, survival.probability() >= 1 ? nominal(slot) : new SlotRouter(snap, up, hop));
  }

  /** One realisation of the network. */
  public final class Realisation {
    private final int slot;
    private final int draw;
    private final SlotRouter router;

    private Realisation(int slot, int draw, SlotRouter router) {
      this.slot = slot;
      this.draw = draw;
      this.router = router;
    }

    public int slot() {
      return slot;
    }

    public int draw() {
      return draw;
    }

    public int upLinkCount() {
      return router.edgeCount();
    }

    /** Latencies from {@code source} to {@code targets} with the unreachable policy applied. */
    public PathLatencies to(int source, int[] targets) {
      int n = targets.length;
      double[] lat = new double[n];
      int[] hops = new int[n];
      boolean[] waited = new boolean[n];
      router.shortest(source, targets, lat, hops);
      double[] nomLat = null;
      int[] nomHops = null;
      for (int i = 0; i < n; i++) {
        if (Double.isInfinite(lat[i])) {
          if (nomLat == null) {
            nomLat = new double[n];
            nomHops = new int[n];
            nominal(slot).shortest(source, targets, nomLat, nomHops);
          }
          if (Double.isFinite(nomLat[i])) {
            lat[i] = nomLat[i] + waitForNextSlotS();
            hops[i] = nomHops[i];
            waited[i] = true;
          }
        }
      }
      return new PathLatencies(source, targets, lat, hops, waited);
    }
  }
}
