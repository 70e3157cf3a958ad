package org.spacemoe.onboard.isl;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.SatelliteNames;
import org.spacemoe.shared.constellation.TimeSlots;
import org.spacemoe.shared.routing.IslMesh;

/**
 * Hop-by-hop routing of a mesh node by satellite name: the next hop towards a destination in a slot (the planner's
 * shortest-latency route, {@link IslMesh}), avoiding the links this node knows to be down, and each link's latency.
 * Next hops are cached per (slot, links down); the cache starts anew when a link goes down or up. Thread-safe.
 */
public final class MeshRoutes {
  private final IslMesh mesh;
  private final SatelliteNames names;
  private final Set<Long> down = ConcurrentHashMap.newKeySet();
  private volatile Map<Long, String> nextHops = new ConcurrentHashMap<>();
  private final Map<Long, String> nominalHops = new ConcurrentHashMap<>();

  /** @param rateBitsPerS ISL data rate, bit/s */
  public MeshRoutes(Constellation constellation, IslRules rules, TimeSlots slots, double rateBitsPerS) {
    this.mesh = new IslMesh(constellation, rules, slots, rateBitsPerS);
    this.names = SatelliteNames.of(constellation);
  }

  /** Number of time slots. */
  public int slots() {
    return mesh.slots().count();
  }

  public double slotLengthS() {
    return mesh.slots().slotLengthS();
  }

  /** True when {@code satellite} is in the constellation. */
  public boolean knows(String satellite) {
    return names.knows(satellite);
  }

  /**
   * The neighbour of {@code at} a frame for {@code destination} goes to next in {@code slot}, links down avoided;
   * null when no route is left ({@code at} must differ from {@code destination}).
   */
  public String nextHop(int slot, String at, String destination) {
    int a = index(at);
    int d = index(destination);
    long key = SatelliteNames.slotPairKey(slot, a, d);
    Map<Long, String> cache = nextHops;
    String hop = cache.get(key);
    if (hop == null) {
      int[] path = mesh.route(slot, a, d, Set.copyOf(down));
      hop = path == null || path.length < 2 ? "" : names.name(path[1]);
      cache.put(key, hop);
    }
    return hop.isEmpty() ? null : hop;
  }

  /** The next hop on the failure-free route (what the planner predicted), null when none. */
  public String nominalNextHop(int slot, String at, String destination) {
    int a = index(at);
    int d = index(destination);
    String hop = nominalHops.computeIfAbsent(SatelliteNames.slotPairKey(slot, a, d), k -> {
      int[] path = mesh.route(slot, a, d, Set.of());
      return path == null || path.length < 2 ? "" : names.name(path[1]);
    });
    return hop.isEmpty() ? null : hop;
  }

  /** Latency of a frame of {@code bytes} over the link {@code a}-{@code b} in {@code slot}, s. */
  public double linkLatencyS(int slot, String a, String b, int bytes) {
    return mesh.linkLatencyS(slot, index(a), index(b), bytes);
  }

  /** True when the link {@code a}-{@code b} exists in {@code slot} (whatever its state here). */
  public boolean linked(int slot, String a, String b) {
    return mesh.linked(slot, index(a), index(b));
  }

  /** Takes the link {@code a}-{@code b} out of the routes; false when it was already down. */
  public boolean markDown(String a, String b) {
    boolean changed = down.add(IslMesh.linkKey(index(a), index(b)));
    if (changed) {
      nextHops = new ConcurrentHashMap<>();
    }
    return changed;
  }

  /** Puts the link {@code a}-{@code b} back into the routes; false when it was not down. */
  public boolean markUp(String a, String b) {
    boolean changed = down.remove(IslMesh.linkKey(index(a), index(b)));
    if (changed) {
      nextHops = new ConcurrentHashMap<>();
    }
    return changed;
  }

  /** True when this node takes the link {@code a}-{@code b} as down. */
  public boolean isDown(String a, String b) {
    return down.contains(IslMesh.linkKey(index(a), index(b)));
  }

  private int index(String name) {
    return names.index(name);
  }
}
