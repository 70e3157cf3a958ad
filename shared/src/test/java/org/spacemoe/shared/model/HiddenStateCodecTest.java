package org.spacemoe.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;

class HiddenStateCodecTest {
  @Test
  void bytesOfOneHiddenState() {
    assertEquals(4 * 4096, HiddenStateCodec.FP32.bytes(4096)); // 16384: 4 bytes per element
    assertEquals(2 * 4096, HiddenStateCodec.FP16.bytes(4096)); // 8192: 2 bytes per element
    assertEquals(4096 + 4, HiddenStateCodec.INT8.bytes(4096)); // 4100: 1 byte per element + fp32 row scale
    assertEquals(4L * Integer.MAX_VALUE, HiddenStateCodec.FP32.bytes(Integer.MAX_VALUE), "no int overflow");
  }

  @Test
  void parseWireNames() {
    for (HiddenStateCodec c : HiddenStateCodec.values()) {
      assertEquals(c, HiddenStateCodec.parse(c.wireName()));
      assertEquals(c, HiddenStateCodec.parse(" " + c.wireName().toUpperCase() + " "));
    }
    assertEquals("fp16", HiddenStateCodec.FP16.wireName());
  }

  @Test
  void unknownCodecNamesTheInputAndTheValue() {
    String m = assertThrows(InvalidInputException.class, () -> HiddenStateCodec.parse("bf16")).getMessage();
    assertTrue(m.contains("--codec") && m.contains("bf16"), m);
    assertThrows(InvalidInputException.class, () -> HiddenStateCodec.parse(null));
    assertThrows(InvalidInputException.class, () -> HiddenStateCodec.parse(""));
  }
}
