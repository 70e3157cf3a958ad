package org.spacemoe.shared.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Fp16Test {
  @Test
  void everyHalfSurvivesARoundTrip() {
    for (int h = 0; h < 0x10000; h++) {
      float f = Fp16.toFloat((short) h);
      if (Float.isNaN(f)) {
        assertTrue(Float.isNaN(Fp16.toFloat(Fp16.fromFloat(f))));
        continue;
      }
      assertEquals(h, Fp16.fromFloat(f) & 0xffff, "half 0x" + Integer.toHexString(h));
    }
  }

  @Test
  void knownValuesAndRounding() {
    assertEquals(0x3c00, Fp16.fromFloat(1f) & 0xffff);
    assertEquals(0xc000, Fp16.fromFloat(-2f) & 0xffff);
    assertEquals(0x7bff, Fp16.fromFloat(65504f) & 0xffff);
    assertEquals(0x7c00, Fp16.fromFloat(65520f) & 0xffff);
    assertEquals(0x0001, Fp16.fromFloat(0x1p-24f) & 0xffff);
    assertEquals(0x0000, Fp16.fromFloat(0x1p-25f) & 0xffff);
    assertEquals(0x3c00, Fp16.fromFloat(1f + 0x1p-11f) & 0xffff);
    assertEquals(0x3c02, Fp16.fromFloat(1f + 3 * 0x1p-11f) & 0xffff);
  }

  @Test
  void roundingErrorIsAtMostHalfAnUlp() {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      float f = (float) (r.nextGaussian() * 10);
      float back = Fp16.toFloat(Fp16.fromFloat(f));
      float ulp = Math.max(Math.ulp(back) * (1 << 13), 0x1p-24f);
      assertTrue(Math.abs(back - f) <= ulp / 2, f + " -> " + back);
    }
  }
}
