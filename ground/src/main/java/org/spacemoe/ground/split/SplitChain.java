package org.spacemoe.ground.split;

import java.util.List;
import org.spacemoe.shared.model.DeviceProfile;

/**
 * The satellites a model may be split over, in pipeline order; stage {@code s} runs on {@code satellites[s]}.
 * A plan uses a prefix of the chain (never skips a satellite). Invariants: {@code devices} and
 * {@code ringCloseS} have one entry per satellite, {@code links} one fewer.
 *
 * @param satellites satellite names, distinct
 * @param devices the computer of each satellite (memory already overridden by {@code --memory})
 * @param links the route from satellite {@code s} to {@code s + 1}
 * @param ringCloseS light time of the shortest route from satellite {@code s} back to satellite 0, s: the next
 *     token goes there when the last stage is {@code s}
 * @param ringCloseHops ISL hops of that route
 * @param slot the time slot the routes were computed in
 */
public record SplitChain(List<String> satellites, List<DeviceProfile> devices, List<ChainLink> links,
    double[] ringCloseS, int[] ringCloseHops, int slot) {
  public SplitChain {
    satellites = List.copyOf(satellites);
    devices = List.copyOf(devices);
    links = List.copyOf(links);
    if (devices.size() != satellites.size() || links.size() != satellites.size() - 1
        || ringCloseS.length != satellites.size() || ringCloseHops.length != satellites.size()) {
      throw new IllegalArgumentException("chain arrays differ in length");
    }
  }

  public int size() {
    return satellites.size();
  }
}
