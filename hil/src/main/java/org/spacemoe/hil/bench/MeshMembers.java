package org.spacemoe.hil.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.SatelliteNames;
import org.spacemoe.shared.routing.IslMesh;

/**
 * Which satellites an ISL-mesh bench runs in its slot: the plan's and every satellite on a route between two of them,
 * and whether two of them are joined by an ISL.
 */
final class MeshMembers {
  private final IslMesh mesh;
  private final SatelliteNames names;
  private final int slot;
  private final List<String> satellites;

  private MeshMembers(Scenario scenario, int slot, List<String> planSatellites) {
    this.mesh = new IslMesh(scenario.constellation(), scenario.islRules(), scenario.timeSlots(),
        scenario.islRateBitsPerS());
    this.names = SatelliteNames.of(scenario.constellation());
    this.slot = slot;
    int[] members = planSatellites.stream().mapToInt(names::index).toArray();
    BitSet on = mesh.satellitesOnRoutes(slot, members);
    List<String> out = new ArrayList<>(planSatellites);
    for (int v = on.nextSetBit(0); v >= 0; v = on.nextSetBit(v + 1)) {
      String name = names.name(v);
      if (!planSatellites.contains(name)) {
        out.add(name);
      }
    }
    this.satellites = List.copyOf(out);
  }

  static MeshMembers of(Scenario scenario, int slot, List<String> planSatellites) {
    return new MeshMembers(scenario, slot, planSatellites);
  }

  /**
   * The plan's satellites (in their order) followed by the others on shortest routes between two of them and by the
   * neighbours of all those (the detours when a link goes down), in constellation order.
   */
  List<String> satellites() {
    return satellites;
  }

  /** True when {@code a} and {@code b} are joined by an ISL in the bench's slot. */
  boolean linked(String a, String b) {
    return mesh.linked(slot, names.index(a), names.index(b));
  }
}
