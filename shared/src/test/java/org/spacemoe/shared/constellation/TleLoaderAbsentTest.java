package org.spacemoe.shared.constellation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;

/** Shared alone (no orbit module, as on a flight artifact): a tle: spec is bad input naming what is missing. */
class TleLoaderAbsentTest {
  @Test
  void withoutTheOrbitModuleATleSpecNamesTheFlagAndTheModule() {
    assertTrue(ServiceLoader.load(TleLoader.class).findFirst().isEmpty(), "shared's tests must not see the orbit module");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ConstellationSpecs.parse("tle:starlink.tle,planes=4"));
    assertEquals("--constellation", e.input());
    assertTrue(e.getMessage().contains("orbit module (spacemoe-orbit)"), e.getMessage());
    assertTrue(e.getMessage().contains("lib/ext/spacemoe-orbit-ext.jar"), e.getMessage());
  }

  @Test
  void walkerSpecsNeedNoOrbitModule() {
    assertInstanceOf(WalkerConstellation.class, ConstellationSpecs.parse("walker-delta:planes=4,sats=6"));
    assertInstanceOf(WalkerConstellation.class, ConstellationSpecs.parse("paper"));
  }
}
