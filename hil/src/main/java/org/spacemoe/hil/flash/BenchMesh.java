package org.spacemoe.hil.flash;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.spacemoe.hil.inventory.Board;
import org.spacemoe.hil.inventory.Inventory;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.shared.constellation.TimeSlots;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;
import org.spacemoe.shared.routing.IslMesh;

/**
 * The ISL mesh of a bench in {@code isl: mesh} mode, in one slot: the board that hosts every satellite a frame between
 * the plan's satellites may cross, the ISL neighbours of each, and each hosted satellite's ISL broker endpoint.
 *
 * <p>Invariants: the hosted satellites are those of {@link IslMesh#satellitesOnRoutes} for the inventory's
 * satellites; a <em>relay</em> (hosted but on no board's {@code satellites}) belongs to the board hosting the nearest
 * inventory satellite in ISL hops over the slot's links, ties to the board listed first. Neighbours are hosted
 * satellites only (a satellite nobody hosts has no endpoint). Lists are in constellation index order unless said.
 */
public final class BenchMesh {
  private final Inventory inv;
  private final Constellation constellation;
  private final Map<String, Board> hostOf = new HashMap<>();
  private final Map<String, List<String>> relays = new LinkedHashMap<>();
  private final Map<String, List<String>> neighbours = new HashMap<>();
  private final Map<String, Integer> index = new HashMap<>();

  private BenchMesh(Inventory inv, IslMesh mesh, int slot) {
    this.inv = inv;
    this.constellation = mesh.constellation();
    for (Satellite s : constellation.satellites()) {
      index.put(s.name(), s.index());
    }
    List<Board> boards = inv.boards();
    int[] members = new int[inv.satellites().size()];
    int m = 0;
    for (int b = 0; b < boards.size(); b++) {
      List<String> sats = boards.get(b).satellites();
      for (int i = 0; i < sats.size(); i++) {
        Integer x = index.get(sats.get(i));
        if (x == null) {
          throw new InvalidInputException(inv.source().toString(), "boards[" + b + "].satellites[" + i
              + "]: satellite '" + sats.get(i) + "' is not in the constellation " + constellation.id());
        }
        members[m++] = x;
        hostOf.put(sats.get(i), boards.get(b));
      }
      relays.put(boards.get(b).name(), new ArrayList<>());
    }
    BitSet hosted = mesh.satellitesOnRoutes(slot, members);
    int[][] hops = new int[boards.size()][];
    for (int b = 0; b < boards.size(); b++) {
      hops[b] = hopsFrom(mesh, slot, boards.get(b).satellites().stream().mapToInt(index::get).toArray());
    }
    for (int v = hosted.nextSetBit(0); v >= 0; v = hosted.nextSetBit(v + 1)) {
      String name = constellation.satellites().get(v).name();
      if (!hostOf.containsKey(name)) {
        int best = 0;
        for (int b = 1; b < boards.size(); b++) {
          if (hops[b][v] < hops[best][v]) {
            best = b;
          }
        }
        hostOf.put(name, boards.get(best));
        relays.get(boards.get(best).name()).add(name);
      }
    }
    for (int v = hosted.nextSetBit(0); v >= 0; v = hosted.nextSetBit(v + 1)) {
      List<String> ns = new ArrayList<>();
      for (int n : sorted(mesh.neighbours(slot, v, Set.of()))) {
        if (hosted.get(n)) {
          ns.add(constellation.satellites().get(n).name());
        }
      }
      neighbours.put(constellation.satellites().get(v).name(), List.copyOf(ns));
    }
  }

  /** The mesh of {@code inv}'s boards in {@code slot} over the ISLs {@code mesh} models. */
  static BenchMesh of(Inventory inv, IslMesh mesh, int slot) {
    return new BenchMesh(inv, mesh, slot);
  }

  /**
   * The mesh of {@code inv}'s boards over the constellation and ISL rules of {@code plan}, in the inventory's
   * {@code onboard.pinned-slot} (the slot the boards run in).
   *
   * @throws InvalidInputException naming the inventory when it pins no slot or one the plan does not have
   */
  public static BenchMesh forPlan(Inventory inv, PlacementPlan plan) {
    String file = inv.source().toString();
    if (!(inv.onboard().get("pinned-slot") instanceof Number pinned)) {
      throw new InvalidInputException(file, "onboard.pinned-slot: missing (isl: mesh places the relays and ISL "
          + "neighbours of one slot)");
    }
    PlanInputs in = plan.inputs();
    int slot = pinned.intValue();
    if (slot < 0 || slot >= in.slots()) {
      throw new InvalidInputException(file, "onboard.pinned-slot: " + slot + " is not a slot of the plan (0.."
          + (in.slots() - 1) + ")");
    }
    Constellation c = ConstellationSpecs.parse(in.constellationSpec());
    IslMesh mesh = new IslMesh(c, IslRules.defaults().withTrackingLimit(in.trackingLimitRadPerS()),
        TimeSlots.overOneOrbit(c, in.slots(), in.epochSOrZero()), in.islRateBitsPerS());
    return new BenchMesh(inv, mesh, slot);
  }

  public Inventory inventory() {
    return inv;
  }

  /** The satellites {@code b}'s node runs: the inventory's, then its relays. */
  public List<String> satellites(Board b) {
    List<String> all = new ArrayList<>(b.satellites());
    all.addAll(relays(b));
    return all;
  }

  /** The relays assigned to {@code b}. */
  public List<String> relays(Board b) {
    return List.copyOf(relays.get(b.name()));
  }

  /** Relays per board name, in inventory order. */
  public Map<String, List<String>> relays() {
    Map<String, List<String>> r = new LinkedHashMap<>();
    relays.forEach((k, v) -> r.put(k, List.copyOf(v)));
    return r;
  }

  /** The hosted ISL neighbours of hosted satellite {@code sat}. */
  public List<String> neighbours(String sat) {
    return neighbours.getOrDefault(sat, List.of());
  }

  /** The board hosting {@code sat}, or null when no board does. */
  public Board host(String sat) {
    return hostOf.get(sat);
  }

  /** {@code sat}'s ISL broker: its board's Mosquitto, {@code ssl://} when the inventory's broker is. */
  public String endpoint(String sat) {
    Board b = hostOf.get(sat);
    String scheme = inv.broker().uri().startsWith("ssl://") ? "ssl" : "tcp";
    return scheme + "://" + b.host() + ":" + b.islPort();
  }

  /**
   * {@code b}'s {@code isl-endpoints}: {@code SATELLITE=URI} for its own satellites and every satellite one of them
   * neighbours, in constellation index order.
   */
  public List<String> endpoints(Board b) {
    TreeSet<String> sats = new TreeSet<>(this::compareByIndex);
    for (String s : satellites(b)) {
      sats.add(s);
      sats.addAll(neighbours(s));
    }
    return sats.stream().map(s -> s + "=" + endpoint(s)).toList();
  }

  /**
   * The satellites of {@code owner} that are ISL neighbours of a satellite of {@code sender}: the topics
   * {@code sender}'s node may publish on {@code owner}'s ISL broker. Empty when no link joins the two boards.
   */
  public List<String> reachableFrom(Board owner, Board sender) {
    TreeSet<String> out = new TreeSet<>(this::compareByIndex);
    for (String s : satellites(sender)) {
      for (String n : neighbours(s)) {
        if (hostOf.get(n) == owner) {
          out.add(n);
        }
      }
    }
    return List.copyOf(out);
  }

  /** {@code sats} in constellation index order. */
  List<String> byIndex(List<String> sats) {
    return sats.stream().sorted(this::compareByIndex).toList();
  }

  private int compareByIndex(String a, String b) {
    return Integer.compare(indexOf(a), indexOf(b));
  }

  private int indexOf(String sat) {
    Integer i = index.get(sat);
    if (i == null) {
      throw new IllegalArgumentException("no satellite " + sat + " in " + constellation.id());
    }
    return i;
  }

  /** ISL hops from the nearest of {@code sources} to every satellite in {@code slot} (breadth first). */
  private static int[] hopsFrom(IslMesh mesh, int slot, int[] sources) {
    int[] d = new int[mesh.constellation().size()];
    Arrays.fill(d, Integer.MAX_VALUE);
    ArrayDeque<Integer> q = new ArrayDeque<>();
    for (int s : sources) {
      d[s] = 0;
      q.add(s);
    }
    while (!q.isEmpty()) {
      int v = q.poll();
      for (int n : mesh.neighbours(slot, v, Set.of())) {
        if (d[n] == Integer.MAX_VALUE) {
          d[n] = d[v] + 1;
          q.add(n);
        }
      }
    }
    return d;
  }

  private static int[] sorted(int[] a) {
    int[] c = a.clone();
    Arrays.sort(c);
    return c;
  }
}
