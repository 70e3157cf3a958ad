package org.spacemoe.shared.routing;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.GridLink;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.IslSnapshot;
import org.spacemoe.shared.constellation.TimeSlots;

/**
 * The ISL network as a mesh of links between neighbours: per time slot, which links exist, the shortest-latency route
 * between two satellites (the planner's routing: {@link SlotRouter} over the slot's failure-free +Grid graph, weighted
 * by propagation) with some links taken down, and each link's latency. Satellites are constellation indices. Routers
 * are cached per (slot, set of links down). Thread-safe.
 */
public final class IslMesh {
  private final Constellation constellation;
  private final IslRules rules;
  private final TimeSlots slots;
  private final double rateBitsPerS;
  private final HopLatencyModel propagation;
  private final IslSnapshot[] snapshots;
  private final Map<RouterKey, SlotRouter> routers = new ConcurrentHashMap<>();

  private record RouterKey(int slot, Set<Long> down) {}

  /** @param rateBitsPerS ISL data rate, bit/s (a frame of B bytes takes 8 B / rate on every link it crosses) */
  public IslMesh(Constellation constellation, IslRules rules, TimeSlots slots, double rateBitsPerS) {
    this.constellation = constellation;
    this.rules = rules;
    this.slots = slots;
    this.rateBitsPerS = rateBitsPerS;
    this.propagation = new HopLatencyModel(rateBitsPerS, 0);
    this.snapshots = new IslSnapshot[slots.count()];
  }

  public Constellation constellation() {
    return constellation;
  }

  public TimeSlots slots() {
    return slots;
  }

  /** The key of the undirected link {@code a}-{@code b} (the same for {@code b}-{@code a}). */
  public static long linkKey(int a, int b) {
    int lo = Math.min(a, b);
    int hi = Math.max(a, b);
    return ((long) lo << 32) | hi;
  }

  /** The two satellites of a {@link #linkKey}, lower index first. */
  public static int[] linkEnds(long key) {
    return new int[] {(int) (key >>> 32), (int) key};
  }

  /**
   * The satellites of the shortest-latency route from {@code from} to {@code to} in {@code slot} over the links that
   * exist then and are not in {@code down} ({@link #linkKey}s), both ends included; null when no route is left.
   */
  public int[] route(int slot, int from, int to, Set<Long> down) {
    return router(slot, down).path(from, to);
  }

  /** The satellites linked to {@code satellite} in {@code slot}, links in {@code down} left out. */
  public int[] neighbours(int slot, int satellite, Set<Long> down) {
    return router(slot, down).neighbours(satellite);
  }

  /** True when the link {@code a}-{@code b} exists in {@code slot} (failure-free). */
  public boolean linked(int slot, int a, int b) {
    return !Double.isNaN(router(slot, Set.of()).linkS(a, b));
  }

  /**
   * Latency of a frame of {@code bytes} over the one link {@code a}-{@code b} in {@code slot}: its propagation plus
   * the frame's transmission time, s.
   *
   * @throws IllegalArgumentException when the link does not exist in {@code slot}
   */
  public double linkLatencyS(int slot, int a, int b, int bytes) {
    double p = router(slot, Set.of()).linkS(a, b);
    if (Double.isNaN(p)) {
      throw new IllegalArgumentException("no ISL between satellites " + a + " and " + b + " in slot " + slot);
    }
    return p + bytes * 8.0 / rateBitsPerS;
  }

  /**
   * The satellites a mesh must run so that frames between any two of {@code members} can be forwarded in
   * {@code slot}: every satellite on a shortest route between two members, and the neighbours of those (the detour
   * when one link of a route goes down). Members are included.
   */
  public BitSet satellitesOnRoutes(int slot, int[] members) {
    SlotRouter r = router(slot, Set.of());
    BitSet on = new BitSet(constellation.size());
    for (int m : members) {
      on.set(m);
    }
    for (int i = 0; i < members.length; i++) {
      for (int j = i + 1; j < members.length; j++) {
        int[] p = r.path(members[i], members[j]);
        if (p != null) {
          for (int v : p) {
            on.set(v);
          }
        }
      }
    }
    BitSet withDetours = (BitSet) on.clone();
    for (int v = on.nextSetBit(0); v >= 0; v = on.nextSetBit(v + 1)) {
      for (int n : r.neighbours(v)) {
        withDetours.set(n);
      }
    }
    return withDetours;
  }

  private SlotRouter router(int slot, Set<Long> down) {
    if (slot < 0 || slot >= slots.count()) {
      throw new IllegalArgumentException("slot " + slot + " is not in [0, " + slots.count() + ")");
    }
    return routers.computeIfAbsent(new RouterKey(slot, Set.copyOf(down)), k -> {
      IslSnapshot snap = snapshot(slot);
      BitSet up = null;
      if (!k.down().isEmpty()) {
        List<GridLink> links = snap.candidates();
        up = new BitSet(links.size());
        up.set(0, links.size());
        for (int i = 0; i < links.size(); i++) {
          if (k.down().contains(linkKey(links.get(i).a(), links.get(i).b()))) {
            up.clear(i);
          }
        }
      }
      return new SlotRouter(snap, up, propagation);
    });
  }

  private IslSnapshot snapshot(int slot) {
    synchronized (snapshots) {
      if (snapshots[slot] == null) {
        snapshots[slot] = IslSnapshot.of(constellation, rules, slots, slot);
      }
      return snapshots[slot];
    }
  }
}
