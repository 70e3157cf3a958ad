package org.spacemoe.shared.constellation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.spacemoe.shared.input.InvalidInputException;

class WalkerParametersTest {
  private static final WalkerPattern STAR = WalkerPattern.STAR;

  private static void assertRejected(String inputNamed, Executable e) {
    InvalidInputException ex = assertThrows(InvalidInputException.class, e);
    assertTrue(ex.input().contains(inputNamed), "input() '" + ex.input() + "' should name " + inputNamed);
    assertTrue(ex.getMessage().contains(inputNamed), ex.getMessage());
  }

  @Test
  void zeroPlanesOrSatellites() {
    assertRejected("planes", () -> new WalkerParameters(STAR, 0, 32, 550, 87, 0));
    assertRejected("satellites per plane", () -> new WalkerParameters(STAR, 33, 0, 550, 87, 1));
  }

  @Test
  void altitudeMustBePositiveAndBounded() {
    assertRejected("altitude", () -> new WalkerParameters(STAR, 33, 32, -5, 87, 1));
    assertRejected("altitude", () -> new WalkerParameters(STAR, 33, 32, 0, 87, 1));
    assertRejected("altitude", () -> new WalkerParameters(STAR, 33, 32, Double.NaN, 87, 1));
    assertRejected("altitude", () -> new WalkerParameters(STAR, 33, 32, 100_001, 87, 1));
    assertDoesNotThrow(() -> new WalkerParameters(STAR, 33, 32, 100_000, 87, 1));
  }

  @Test
  void inclinationMustBeWithinZeroTo180() {
    assertRejected("inclination", () -> new WalkerParameters(STAR, 33, 32, 550, 181, 1));
    assertRejected("inclination", () -> new WalkerParameters(STAR, 33, 32, 550, -1, 1));
    assertRejected("inclination", () -> new WalkerParameters(STAR, 33, 32, 550, Double.NaN, 1));
    assertDoesNotThrow(() -> new WalkerParameters(STAR, 33, 32, 550, 0, 1));
    assertDoesNotThrow(() -> new WalkerParameters(STAR, 33, 32, 550, 180, 1));
  }

  @Test
  void phasingMustBeWithinZeroToPlanesMinusOne() {
    assertRejected("phasing", () -> new WalkerParameters(STAR, 33, 32, 550, 87, 33));
    assertRejected("phasing", () -> new WalkerParameters(STAR, 33, 32, 550, 87, -1));
    assertRejected("phasing", () -> new WalkerParameters(STAR, 1, 32, 550, 87, 1));
    assertDoesNotThrow(() -> new WalkerParameters(STAR, 33, 32, 550, 87, 32));
  }

  @Test
  void missingPattern() {
    assertRejected("pattern", () -> new WalkerParameters(null, 33, 32, 550, 87, 1));
  }

  @Test
  void idTrimsIntegralValuesOnly() {
    assertEquals("walker-star:33x32:550km:87deg:F1", WalkerParameters.paper().id());
    assertEquals("walker-delta:4x6:550.5km:53.25deg:F2",
        new WalkerParameters(WalkerPattern.DELTA, 4, 6, 550.5, 53.25, 2).id());
  }

  @Test
  void withSizeClampsPhasing() {
    WalkerParameters p = new WalkerParameters(STAR, 10, 10, 550, 87, 7).withSize(3, 4);
    assertEquals(2, p.phasing()); // F must stay <= P - 1 = 2
    assertEquals(3, p.planes());
    assertEquals(4, p.satellitesPerPlane());
  }
}
