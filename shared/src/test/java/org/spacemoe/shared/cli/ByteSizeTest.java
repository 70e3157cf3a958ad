package org.spacemoe.shared.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
  @Test
  void decimalUnitsWithOneDecimal() {
    assertEquals("0 B", ByteSize.format(0));
    assertEquals("999 B", ByteSize.format(999));
    assertEquals("1.0 kB", ByteSize.format(1_000));
    assertEquals("65.5 kB", ByteSize.format(65_536));
    assertEquals("2.3 MB", ByteSize.format(2_300_000));
    assertEquals("27.0 GB", ByteSize.format(27_000_000_000L));
  }
}
