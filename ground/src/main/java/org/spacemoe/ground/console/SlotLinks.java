package org.spacemoe.ground.console;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.GridLink;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.IslSnapshot;
import org.spacemoe.shared.constellation.LinkSurvival;
import org.spacemoe.shared.constellation.SatelliteNames;
import org.spacemoe.shared.constellation.TimeSlots;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;

/**
 * The +Grid links of a plan's satellites in one time slot, from the shared ISL code the runtime and planner use: the
 * plan's constellation spec, slots over one orbit from its epoch, its tracking limit ({@link IslRules} otherwise at
 * their defaults, as the onboard runtime's), {@link IslSnapshot} for which candidate links exist in the slot, and the
 * plan's {@link LinkSurvival} (its survival probability and seed, draw 0, as the planner's realisation {@code (slot,
 * 0)}) for which of those survive. Every candidate link with at least one plan satellite at an end is listed.
 */
final class SlotLinks {
  private final Constellation constellation;
  private final SatelliteNames names;
  private final IslRules rules;
  private final TimeSlots slots;
  private final LinkSurvival survival;
  private final Set<String> planSatellites;
  private int cachedSlot = -1;
  private List<ConsoleState.Link> cached;

  SlotLinks(PlacementPlan plan, Set<String> planSatellites) {
    PlanInputs in = plan.inputs();
    constellation = ConstellationSpecs.parse(in.constellationSpec());
    names = SatelliteNames.of(constellation);
    rules = IslRules.defaults().withTrackingLimit(in.trackingLimitRadPerS());
    slots = TimeSlots.overOneOrbit(constellation, in.slots(), in.epochSOrZero());
    survival = new LinkSurvival(in.linkSurvival(), in.seed());
    this.planSatellites = new TreeSet<>(planSatellites);
  }

  int slotCount() {
    return slots.count();
  }

  double slotLengthS() {
    return slots.slotLengthS();
  }

  double survivalProbability() {
    return survival.probability();
  }

  /** The links of slot {@code slot}, sorted by their ends. */
  synchronized List<ConsoleState.Link> at(int slot) {
    if (slot == cachedSlot) {
      return cached;
    }
    IslSnapshot snap = IslSnapshot.of(constellation, rules, slots, slot);
    List<GridLink> candidates = snap.candidates();
    BitSet survived = survival.sample(slot, 0, candidates.size());
    List<ConsoleState.Link> out = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      GridLink l = candidates.get(i);
      String a = names.name(l.a());
      String b = names.name(l.b());
      boolean inA = planSatellites.contains(a);
      boolean inB = planSatellites.contains(b);
      if (!inA && !inB) {
        continue;
      }
      if (a.compareTo(b) > 0) {
        String t = a;
        a = b;
        b = t;
      }
      boolean exists = snap.exists(i);
      boolean up = exists && survived.get(i);
      out.add(new ConsoleState.Link(a + "-" + b, a, b, l.kind().name(), inA && inB, exists, up,
          exists ? Math.round(snap.lengthKm(i) * 10) / 10.0 : null));
    }
    out.sort((x, y) -> x.name().compareTo(y.name()));
    cachedSlot = slot;
    cached = List.copyOf(out);
    return cached;
  }
}
