package org.spacemoe.shared.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;

class HopLatencyModelTest {
  @Test
  void propagationPlusTransmission() {
    HopLatencyModel hop = new HopLatencyModel(100e9, 8192);
    // light covers 299792.458 km in exactly 1 s
    assertEquals(1.0, hop.propagationS(299_792.458), 1e-15);
    // 8192 B = 65536 bit at 1e11 bit/s = 6.5536e-7 s
    assertEquals(6.5536e-7, hop.transmissionS(), 1e-20);
    // 1359 km: 1359 / 299792.458 = 4.5331e-3 s
    assertEquals(1359 / 299_792.458 + 6.5536e-7, hop.hopS(1359), 1e-18);
    assertEquals(0.0, new HopLatencyModel(1e9, 0).transmissionS());
  }

  @Test
  void invalidRateOrSize() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new HopLatencyModel(0, 8192));
    assertTrue(e.getMessage().contains("ISL rate"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new HopLatencyModel(1e9, -1));
  }
}
