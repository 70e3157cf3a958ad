package org.spacemoe.onboard.link;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.LinkSurvival;
import org.spacemoe.shared.constellation.SatelliteNames;
import org.spacemoe.shared.constellation.TimeSlots;
import org.spacemoe.shared.routing.HopLatencyModel;
import org.spacemoe.shared.routing.NetworkRealisations;
import org.spacemoe.shared.routing.PathLatencies;

/**
 * Emulated ISL latency between two satellites in a time slot: shortest-path propagation over the slot's
 * failure-free +Grid graph plus, per hop, the frame's bytes over the ISL rate. Paths are cached per
 * (slot, source, target).
 */
public final class LinkDelayModel {
  private final NetworkRealisations network;
  private final SatelliteNames names;
  private final Map<Long, double[]> cache = new ConcurrentHashMap<>();
  private final double rateBitsPerS;

  public LinkDelayModel(Constellation constellation, IslRules rules, int slots, double rateBitsPerS) {
    this(constellation, rules, slots, 0, rateBitsPerS);
  }

  /** @param epochS start of the plan's orbit of slots, seconds after the constellation epoch (plan inputs.epochS) */
  public LinkDelayModel(Constellation constellation, IslRules rules, int slots, double epochS, double rateBitsPerS) {
    this.network = new NetworkRealisations(constellation, rules, TimeSlots.overOneOrbit(constellation, slots, epochS),
        new LinkSurvival(1.0, 0), new HopLatencyModel(rateBitsPerS, 0));
    this.rateBitsPerS = rateBitsPerS;
    this.names = SatelliteNames.of(constellation);
  }

  public int slots() {
    return network.slots().count();
  }

  public double slotLengthS() {
    return network.slots().slotLengthS();
  }

  /** Path latency for {@code bytes} from {@code from} to {@code to} in {@code slot}, s; 0 for the same satellite. */
  public double latencyS(int slot, String from, String to, int bytes) {
    int a = names.index(from);
    int b = names.index(to);
    if (a == b) {
      return 0;
    }
    long key = SatelliteNames.slotPairKey(slot, a, b);
    double[] propAndHops = cache.computeIfAbsent(key, k -> {
      PathLatencies p = network.realisation(slot, 0).to(a, new int[] {b});
      return new double[] {p.latencyS()[0], p.hops()[0]};
    });
    if (Double.isInfinite(propAndHops[0])) {
      throw new IllegalStateException("no ISL path from " + from + " to " + to + " in slot " + slot);
    }
    return propAndHops[0] + propAndHops[1] * bytes * 8.0 / rateBitsPerS;
  }

}
