package org.spacemoe.ground.placement;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.spacemoe.shared.input.InvalidInputException;

/** All placement strategies by name. */
public final class Strategies {
  private static final Map<String, Supplier<PlacementStrategy>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("spacemoe", RingLinearPlacement::spaceMoe);
    ALL.put("optimal-linear", RingLinearPlacement::optimalLinear);
    ALL.put("rand-place", RandomPlacements::randPlace);
    ALL.put("rand-intra", RandomPlacements::randIntra);
    ALL.put("rand-intra-cg", RandomPlacements::randIntraCg);
    ALL.put("joint", org.spacemoe.ground.placement.joint.JointPlacement::joint);
    ALL.put("joint-own", org.spacemoe.ground.placement.joint.JointPlacement::jointOwn);
  }

  private Strategies() {}

  public static Iterable<String> names() {
    return ALL.keySet();
  }

  public static PlacementStrategy byName(String name) {
    Supplier<PlacementStrategy> s = ALL.get(name == null ? "" : name.trim());
    if (s == null) {
      throw new InvalidInputException("--strategy", "unknown strategy '" + name + "'; use one of " + ALL.keySet());
    }
    return s.get();
  }
}
