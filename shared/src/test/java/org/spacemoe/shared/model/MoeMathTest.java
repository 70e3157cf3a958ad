package org.spacemoe.shared.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MoeMathTest {
  @Test
  void topKIsDescendingWithTiesToTheLowerIndex() {
    assertArrayEquals(new int[] {2, 0}, MoeMath.topK(new float[] {1f, 0.5f, 3f, 1f}, 2));
    assertArrayEquals(new int[] {1, 3, 0}, MoeMath.topK(new float[] {0f, 2f, -1f, 2f}, 3));
    assertArrayEquals(new int[] {0, 1, 2}, MoeMath.topK(new float[] {5f, 5f, 5f}, 3));
    assertArrayEquals(new int[] {1, 0}, MoeMath.topK(new float[] {Float.NaN, -1f}, 2));
    assertThrows(IllegalArgumentException.class, () -> MoeMath.topK(new float[] {1f}, 2));
    assertThrows(IllegalArgumentException.class, () -> MoeMath.topK(new float[] {1f}, 0));
  }

  @Test
  void gateWeightsAreASoftmaxOverTheSelectedLogits() {
    float[] logits = {1f, 9f, 3f, 100f};
    float[] w = MoeMath.gateWeights(logits, new int[] {2, 0});
    double e = Math.exp(2);
    assertEquals((float) (e / (e + 1)), w[0]);
    assertEquals((float) (1 / (e + 1)), w[1]);
    float[] big = MoeMath.gateWeights(new float[] {1000f, 999f}, new int[] {0, 1});
    assertEquals(1f, big[0] + big[1], 1e-6f);
  }

  @Test
  void combineAddsInAscendingExpertOrderWhateverTheSelectionOrder() {
    float[] attn = {0f, 1f};
    float[] y7 = {1e8f, 1f};
    float[] y2 = {3f, 2f};
    float[] y5 = {3f, 3f};
    float[] a = MoeMath.combine(attn, new int[] {7, 2, 5}, new float[] {1f, 1f, 1f}, new float[][] {y7, y2, y5});
    float[] b = MoeMath.combine(attn, new int[] {2, 5, 7}, new float[] {1f, 1f, 1f}, new float[][] {y2, y5, y7});
    // ascending 2, 5, 7: (0 + 3 + 3) + 1e8 = 100000006, rounded to 100000008 in float;
    // in selection order 7, 2, 5 each + 3 would be lost: 1e8
    assertEquals(100000008f, a[0]);
    assertArrayEquals(a, b);
    assertEquals(7f, a[1]);
    float[] weighted = MoeMath.combine(new float[] {1f}, new int[] {0, 1}, new float[] {0.25f, 0.75f},
        new float[][] {{4f}, {8f}});
    assertEquals(1f + 1f + 6f, weighted[0]);
    assertThrows(IllegalArgumentException.class,
        () -> MoeMath.combine(attn, new int[] {1}, new float[] {1f, 2f}, new float[][] {y5}));
  }

  @Test
  void argmaxTiesGoToTheLowerIndex() {
    assertEquals(1, MoeMath.argmax(new float[] {0f, 3f, 3f, -1f}));
    assertEquals(0, MoeMath.argmax(new float[] {2f}));
    assertEquals(1, MoeMath.argmax(new float[] {Float.NaN, 0f}));
  }
}
