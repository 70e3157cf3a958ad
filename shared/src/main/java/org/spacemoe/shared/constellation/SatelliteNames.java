package org.spacemoe.shared.constellation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A constellation's satellite names and dense indices, both ways. Immutable, thread-safe. */
public final class SatelliteNames {
  private final Map<String, Integer> indexByName;
  private final String[] names;

  private SatelliteNames(List<Satellite> satellites) {
    indexByName = new HashMap<>(satellites.size() * 2);
    names = new String[satellites.size()];
    for (Satellite s : satellites) {
      indexByName.put(s.name(), s.index());
      names[s.index()] = s.name();
    }
  }

  public static SatelliteNames of(Constellation c) {
    return new SatelliteNames(c.satellites());
  }

  /** True when {@code name} is a satellite of the constellation. */
  public boolean knows(String name) {
    return indexByName.containsKey(name);
  }

  /** The dense index of {@code name}, or -1 when the constellation has no such satellite. */
  public int find(String name) {
    Integer i = indexByName.get(name);
    return i == null ? -1 : i;
  }

  /** The dense index of {@code name}; an unknown name is a broken invariant (IllegalArgumentException). */
  public int index(String name) {
    int i = find(name);
    if (i < 0) {
      throw new IllegalArgumentException("satellite " + name + " is not in the constellation");
    }
    return i;
  }

  /** The name of the satellite with dense index {@code index}. */
  public String name(int index) {
    return names[index];
  }

  /**
   * A cache key for the ordered pair {@code (from, to)} in {@code slot}: distinct for slots below 2^21 and indices
   * below 2^21 (2,097,152 satellites).
   */
  public static long slotPairKey(int slot, int from, int to) {
    return ((long) slot << 42) | ((long) from << 21) | to;
  }
}
