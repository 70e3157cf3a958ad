package org.spacemoe.ground.failures;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Which satellites' onboard computers are down in a network realisation. A down computer runs no gateway and no
 * expert for the whole realisation (one link-state interval); its ISL terminals keep relaying, so routing is
 * unchanged (link failures are drawn separately). Each satellite is down independently with probability
 * {@code probability} per realisation (a pure function of the seed, the slot and the draw), and the
 * {@code named} satellites are down in every realisation.
 *
 * @param probability per satellite, per slot, in [0, 1)
 * @param named dense indices of satellites down in every realisation
 * @param seed failure seed (mixed apart from the link-failure stream)
 */
public record SatelliteFailures(double probability, int[] named, long seed) {
  /** No satellite ever fails. */
  public static final SatelliteFailures NONE = new SatelliteFailures(0, new int[0], 0);

  public SatelliteFailures {
    Checks.inRange("--satellite-failure", probability, 0, 1);
    if (probability >= 1) {
      throw new InvalidInputException("--satellite-failure", "must be < 1, got " + probability);
    }
    named = named.clone();
  }

  public boolean none() {
    return probability == 0 && named.length == 0;
  }

  /** Bit i set when satellite i is down in realisation {@code (slot, draw)}. */
  public BitSet down(int slot, int draw, int satellites) {
    BitSet down = new BitSet(satellites);
    for (int i : named) {
      down.set(i);
    }
    if (probability > 0) {
      long h = (seed ^ 0x5DEECE66DL) * 0x9E3779B97F4A7C15L + slot;
      h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + draw;
      SplittableRandom rnd = new SplittableRandom(h ^ (h >>> 29));
      for (int i = 0; i < satellites; i++) {
        if (rnd.nextDouble() < probability) {
          down.set(i);
        }
      }
    }
    return down;
  }

  /** From the CLI: a probability and a comma-separated list of satellite names (either may be empty). */
  public static SatelliteFailures parse(double probability, String names, Constellation c, long seed) {
    int[] idx = new int[0];
    if (names != null && !names.isBlank()) {
      Map<String, Integer> byName = new HashMap<>();
      for (Satellite s : c.satellites()) {
        byName.put(s.name(), s.index());
      }
      List<Integer> out = new ArrayList<>();
      for (String n : names.split(",")) {
        Integer i = byName.get(n.trim());
        if (i == null) {
          throw new InvalidInputException("--failed-satellites", "satellite '" + n.trim() + "' is not in " + c.id());
        }
        out.add(i);
      }
      idx = out.stream().mapToInt(Integer::intValue).toArray();
    }
    return new SatelliteFailures(probability, idx, seed);
  }

  /** For reports. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("probabilityPerSatellitePerSlot", probability);
    m.put("namedDown", named.length);
    m.put("model", "a down satellite runs no gateway or expert for the realisation and still relays ISL traffic;"
        + " a token completes when every layer's gateway (or, when it is down, its standby gateway) is up and every"
        + " selected expert has a live copy");
    return m;
  }
}
