package org.spacemoe.ground.split;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.GridLink;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.IslSnapshot;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.shared.constellation.TimeSlots;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.routing.HopLatencyModel;
import org.spacemoe.shared.routing.SlotRouter;

/**
 * Builds a {@link SplitChain} on a constellation in one time slot, with the shared ISL rules and shortest-path
 * routing: from an explicit path of ISL neighbours ({@code --chain}) or from the gateways of a placement plan
 * ({@code --plan}, consecutive gateways joined by their shortest route).
 */
public final class SplitChains {
  private final Constellation constellation;
  private final IslSnapshot snapshot;
  private final SlotRouter lightTime;
  private final Map<String, Satellite> byName = new HashMap<>();
  private final Map<Long, Integer> linkIndex = new HashMap<>();

  public SplitChains(Constellation constellation, IslRules rules, TimeSlots slots, int slot) {
    this.constellation = constellation;
    this.snapshot = IslSnapshot.of(constellation, rules, slots, slot);
    this.lightTime = new SlotRouter(snapshot, null, new HopLatencyModel(HopLatencyModel.DEFAULT_RATE_BITS_PER_S, 0));
    for (Satellite s : constellation.satellites()) {
      byName.put(s.name(), s);
    }
    List<GridLink> links = constellation.gridLinks();
    for (int i = 0; i < links.size(); i++) {
      linkIndex.put(key(links.get(i).a(), links.get(i).b()), i);
    }
  }

  /**
   * A chain along {@code names}; consecutive satellites must be ISL neighbours whose link exists in the slot.
   *
   * @throws InvalidInputException naming {@code --chain} when a name is unknown, repeated or not a path
   */
  public SplitChain fromPath(List<String> names, List<DeviceProfile> devices) {
    if (names.isEmpty()) {
      throw new InvalidInputException("--chain", "is empty; give satellites like p16s00,p16s01");
    }
    List<Satellite> sats = resolve("--chain", names);
    List<ChainLink> links = new ArrayList<>();
    for (int i = 0; i + 1 < sats.size(); i++) {
      Satellite a = sats.get(i);
      Satellite b = sats.get(i + 1);
      Integer link = linkIndex.get(key(a.index(), b.index()));
      if (link == null) {
        throw new InvalidInputException("--chain", "not a path: " + a.name() + " and " + b.name()
            + " are not +Grid ISL neighbours");
      }
      if (!snapshot.exists(link)) {
        throw new InvalidInputException("--chain", "not a path: the ISL " + a.name() + " - " + b.name()
            + " does not exist in slot " + snapshot.slot() + " (tracking limit or Earth occlusion)");
      }
      double km = snapshot.lengthKm(link);
      links.add(new ChainLink(a.name(), b.name(), new HopLatencyModel(1, 0).propagationS(km), 1, km));
    }
    return finish("--chain", sats, links, devices);
  }

  /**
   * A chain through the distinct gateways of {@code plan} in layer order, starting at {@code firstGateway} (null:
   * layer 0's), at most {@code maxLength} satellites; consecutive gateways are joined by their shortest route.
   */
  public SplitChain fromPlan(PlacementPlan plan, String planInput, String firstGateway, int maxLength,
      List<DeviceProfile> devices) {
    if (!plan.constellationId().equals(constellation.id())) {
      throw new InvalidInputException(planInput, "plan is for constellation " + plan.constellationId()
          + ", the split is planned on " + constellation.id());
    }
    List<String> ring = new ArrayList<>();
    for (LayerPlacement l : plan.layers()) {
      ring.add(l.gateway());
    }
    int start = 0;
    if (firstGateway != null) {
      start = ring.indexOf(firstGateway);
      if (start < 0) {
        throw new InvalidInputException("--chain-from-gateway", "'" + firstGateway + "' is not a gateway of "
            + planInput);
      }
    }
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < ring.size() && names.size() < maxLength; i++) {
      names.add(ring.get((start + i) % ring.size()));
    }
    List<Satellite> sats = resolve(planInput, new ArrayList<>(names));
    List<ChainLink> links = new ArrayList<>();
    for (int i = 0; i + 1 < sats.size(); i++) {
      Route r = route(planInput, sats.get(i), sats.get(i + 1));
      links.add(new ChainLink(sats.get(i).name(), sats.get(i + 1).name(), r.lightS, r.hops,
          r.lightS * org.spacemoe.shared.constellation.EarthConstants.SPEED_OF_LIGHT_KM_PER_S));
    }
    return finish(planInput, sats, links, devices);
  }

  private SplitChain finish(String input, List<Satellite> sats, List<ChainLink> links, List<DeviceProfile> devices) {
    List<DeviceProfile> perSat = perSatellite(devices, sats.size());
    double[] ring = new double[sats.size()];
    int[] hops = new int[sats.size()];
    for (int s = 0; s < sats.size(); s++) {
      Route r = route(input, sats.get(s), sats.get(0));
      ring[s] = r.lightS;
      hops[s] = r.hops;
    }
    List<String> names = sats.stream().map(Satellite::name).toList();
    return new SplitChain(names, perSat, links, ring, hops, snapshot.slot());
  }

  private record Route(double lightS, int hops) {}

  private Route route(String input, Satellite from, Satellite to) {
    if (from.index() == to.index()) {
      return new Route(0, 0);
    }
    double[] lat = new double[1];
    int[] hops = new int[1];
    lightTime.shortest(from.index(), new int[] {to.index()}, lat, hops);
    if (Double.isInfinite(lat[0])) {
      throw new InvalidInputException(input, "no ISL route from " + from.name() + " to " + to.name() + " in slot "
          + snapshot.slot());
    }
    return new Route(lat[0], hops[0]);
  }

  private List<Satellite> resolve(String input, List<String> names) {
    List<Satellite> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String raw : names) {
      String name = raw.trim();
      Satellite s = byName.get(name);
      if (s == null) {
        throw new InvalidInputException(input, "unknown satellite '" + name + "' (this constellation names them "
            + constellation.satellites().get(0).name() + " .. "
            + constellation.satellites().get(constellation.size() - 1).name() + ")");
      }
      if (!seen.add(name)) {
        throw new InvalidInputException(input, "not a path: " + name + " appears twice");
      }
      out.add(s);
    }
    return out;
  }

  private static List<DeviceProfile> perSatellite(List<DeviceProfile> devices, int n) {
    if (devices.size() == 1) {
      return java.util.Collections.nCopies(n, devices.get(0));
    }
    if (devices.size() != n) {
      throw new InvalidInputException("--device", "give one device for every satellite or one per chain satellite ("
          + n + "), got " + devices.size());
    }
    return devices;
  }

  private static long key(int a, int b) {
    return ((long) Math.min(a, b) << 32) | Math.max(a, b);
  }
}
