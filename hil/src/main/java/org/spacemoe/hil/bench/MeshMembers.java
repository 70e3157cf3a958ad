package org.spacemoe.hil.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.shared.routing.IslMesh;

/** Which satellites an ISL-mesh bench runs: the plan's and every satellite on a route between two of them. */
final class MeshMembers {
  private MeshMembers() {}

  /**
   * The plan's satellites (in their order) followed by the others on shortest routes between two of them in
   * {@code slot} and by the neighbours of all those (the detours when a link goes down), in constellation order.
   */
  static List<String> of(Scenario scenario, int slot, List<String> planSatellites) {
    IslMesh mesh = mesh(scenario);
    Map<String, Integer> index = new HashMap<>();
    List<Satellite> all = scenario.constellation().satellites();
    all.forEach(s -> index.put(s.name(), s.index()));
    int[] members = planSatellites.stream().mapToInt(index::get).toArray();
    BitSet on = mesh.satellitesOnRoutes(slot, members);
    List<String> out = new ArrayList<>(planSatellites);
    for (int v = on.nextSetBit(0); v >= 0; v = on.nextSetBit(v + 1)) {
      String name = all.get(v).name();
      if (!planSatellites.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /** True when {@code a} and {@code b} are joined by an ISL in {@code slot}. */
  static boolean linked(Scenario scenario, int slot, String a, String b) {
    Map<String, Integer> index = new HashMap<>();
    scenario.constellation().satellites().forEach(s -> index.put(s.name(), s.index()));
    return mesh(scenario).linked(slot, index.get(a), index.get(b));
  }

  private static IslMesh mesh(Scenario scenario) {
    return new IslMesh(scenario.constellation(), scenario.islRules(), scenario.timeSlots(), scenario.islRateBitsPerS());
  }

}
