package org.spacemoe.shared.constellation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SatelliteNamesTest {
  private final Constellation c = ConstellationSpecs.parse("walker-star:planes=4,sats=3");

  @Test
  void namesAndIndicesGoBothWays() {
    SatelliteNames n = SatelliteNames.of(c);
    for (Satellite s : c.satellites()) {
      assertTrue(n.knows(s.name()));
      assertEquals(s.index(), n.index(s.name()));
      assertEquals(s.name(), n.name(s.index()));
    }
    assertFalse(n.knows("p99s99"));
    assertEquals(-1, n.find("p99s99"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.index("p99s99"));
    assertEquals("satellite p99s99 is not in the constellation", e.getMessage());
  }

  @Property
  void slotPairKeysAreDistinct(@ForAll @IntRange(max = (1 << 21) - 1) int slot,
      @ForAll @IntRange(max = (1 << 21) - 1) int from, @ForAll @IntRange(max = (1 << 21) - 1) int to) {
    Set<Long> keys = new HashSet<>();
    keys.add(SatelliteNames.slotPairKey(slot, from, to));
    keys.add(SatelliteNames.slotPairKey(slot ^ 1, from, to));
    keys.add(SatelliteNames.slotPairKey(slot, from ^ 1, to));
    keys.add(SatelliteNames.slotPairKey(slot, from, to ^ 1));
    assertEquals(4, keys.size());
    if (from != to) {
      assertFalse(SatelliteNames.slotPairKey(slot, from, to) == SatelliteNames.slotPairKey(slot, to, from));
    }
  }
}
