package org.spacemoe.hil.inventory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;

/** Checks of an inventory against a placement plan: the boards host exactly the plan's satellites. */
public final class InventoryChecks {
  private InventoryChecks() {}

  /** Gateways and expert hosts of the plan, in layer order. */
  public static Set<String> planSatellites(PlacementPlan plan) {
    Set<String> s = new LinkedHashSet<>();
    for (LayerPlacement lp : plan.layers()) {
      s.add(lp.gateway());
      lp.experts().forEach(s::addAll);
    }
    return s;
  }

  /**
   * @throws InvalidInputException naming the inventory, the board path and the first satellite that is not in
   *     the plan, or the plan's satellites no board hosts
   */
  public static void againstPlan(Inventory inv, PlacementPlan plan, String planName) {
    Set<String> wanted = planSatellites(plan);
    for (int b = 0; b < inv.boards().size(); b++) {
      List<String> sats = inv.boards().get(b).satellites();
      for (int i = 0; i < sats.size(); i++) {
        if (!wanted.contains(sats.get(i))) {
          throw new InvalidInputException(inv.source().toString(), "boards[" + b + "].satellites[" + i
              + "]: satellite '" + sats.get(i) + "' is not in the plan " + planName);
        }
      }
    }
    List<String> missing = new ArrayList<>(wanted);
    missing.removeAll(inv.satellites());
    if (!missing.isEmpty()) {
      throw new InvalidInputException(inv.source().toString(), "boards: no board hosts " + missing.size()
          + " satellite(s) of the plan " + planName + ": " + String.join(", ", missing.subList(0, Math.min(8, missing.size())))
          + (missing.size() > 8 ? ", ..." : ""));
    }
  }
}
