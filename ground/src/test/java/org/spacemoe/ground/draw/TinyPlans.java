package org.spacemoe.ground.draw;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.WalkerConstellation;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;

/** Hand-made plans for drawing tests: layer l owns in-plane slots of every plane, gateway in the middle plane. */
final class TinyPlans {
  private TinyPlans() {}

  /**
   * @param slotsPerLayer consecutive in-plane slots per layer subnet
   * @param experts experts per layer, placed on the planes nearest the gateway's plane
   */
  static PlacementPlan ring(Constellation c, int layers, int slotsPerLayer, int experts) {
    int planes = c.planeCount();
    int middle = planes / 2;
    List<LayerPlacement> out = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      int gatewaySlot = l * slotsPerLayer;
      List<String> subnet = new ArrayList<>();
      for (int p = 0; p < planes; p++) {
        for (int k = 0; k < slotsPerLayer; k++) {
          subnet.add(WalkerConstellation.name(p, gatewaySlot + k));
        }
      }
      List<List<String>> hosts = new ArrayList<>();
      for (int e = 0; e < experts; e++) {
        int offset = (e / 2 + 1) * (e % 2 == 0 ? 1 : -1);
        hosts.add(List.of(WalkerConstellation.name(Math.floorMod(middle + offset, planes), gatewaySlot)));
      }
      out.add(new LayerPlacement(l, subnet, WalkerConstellation.name(middle, gatewaySlot), hosts));
    }
    return new PlacementPlan(PlacementPlan.SCHEMA_VERSION, 1, "hand-made", c.id(), out, Map.of(), dummyInputs(c));
  }

  static PlanInputs dummyInputs(Constellation c) {
    return new PlanInputs(c.id(), new PlanInputs.ModelDims("tiny", 4, 4, 2, 64, 32, 100),
        new PlanInputs.DeviceSpec("test-board", 1e9, 1L << 30), "fp32", 16, 1e11, 0.12, 0.95, 10, 1, "test",
        List.of());
  }
}
