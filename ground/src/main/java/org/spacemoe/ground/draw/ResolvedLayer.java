package org.spacemoe.ground.draw;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * One plan layer with satellite names replaced by dense constellation indices.
 *
 * @param layer 0-based layer index
 * @param subnet satellite indices of the subnet
 * @param gateway satellite index of the gateway
 * @param expertsBySatellite satellite index to the expert indices it hosts, in first-seen order
 */
record ResolvedLayer(int layer, int[] subnet, int gateway, Map<Integer, List<Integer>> expertsBySatellite) {

  /** Resolves every layer of {@code plan}; an unknown satellite name throws, naming the plan entry. */
  static List<ResolvedLayer> resolveAll(PlacementPlan plan, Constellation constellation) {
    Map<String, Integer> byName = new HashMap<>();
    for (Satellite s : constellation.satellites()) {
      byName.put(s.name(), s.index());
    }
    List<ResolvedLayer> out = new ArrayList<>();
    for (LayerPlacement lp : plan.layers()) {
      out.add(resolve(lp, byName, constellation.id()));
    }
    return out;
  }

  private static ResolvedLayer resolve(LayerPlacement lp, Map<String, Integer> byName, String constellationId) {
    String where = "plan layer " + lp.layer();
    int[] subnet = new int[lp.subnet().size()];
    for (int i = 0; i < subnet.length; i++) {
      subnet[i] = index(byName, lp.subnet().get(i), where + " subnet[" + i + "]", constellationId);
    }
    int gateway = index(byName, lp.gateway(), where + " gateway", constellationId);
    Map<Integer, List<Integer>> experts = new LinkedHashMap<>();
    for (int e = 0; e < lp.experts().size(); e++) {
      for (String host : lp.experts().get(e)) {
        int sat = index(byName, host, where + " expert " + e, constellationId);
        experts.computeIfAbsent(sat, k -> new ArrayList<>()).add(e);
      }
    }
    return new ResolvedLayer(lp.layer(), subnet, gateway, experts);
  }

  private static int index(Map<String, Integer> byName, String name, String entry, String constellationId) {
    Integer i = byName.get(name);
    if (i == null) {
      throw new InvalidInputException(entry, "unknown satellite '" + name + "' in constellation " + constellationId);
    }
    return i;
  }
}
