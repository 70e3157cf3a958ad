package org.spacemoe.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.spacemoe.shared.input.InvalidInputException;

class MoeModelTest {
  private static final MoeModel M = ModelPresets.LLAMA_MOE_3_5B_2OF8; // 32 layers, 8 experts, top-2, d 4096, w 1376

  @Test
  void gatewayFlopsCountProjectionsAttentionAndRouter() {
    // 2 FLOPs per MAC x (Q,K,V,O: 4 d^2 + scores and values over c = 512 tokens: 2 c d + router: d E)
    assertEquals(2.0 * (4.0 * 4096 * 4096 + 2.0 * 512 * 4096 + 4096.0 * 8), M.gatewayFlops(512), 0.0);
    // written out: 4 d^2 = 67,108,864; 2 c d = 4,194,304; d E = 32,768; sum 71,335,936; times 2 = 142,671,872
    assertEquals(142_671_872.0, M.gatewayFlops(512), 0.0);
    // context only adds 2 * 2 c d FLOPs: one more token costs 4 d = 16384 FLOPs
    assertEquals(4.0 * 4096, M.gatewayFlops(513) - M.gatewayFlops(512), 0.0);
  }

  @Test
  void expertAndHeadFlops() {
    // SwiGLU expert: gate, up (d -> w) and down (w -> d): 3 d w MACs
    assertEquals(2.0 * 3 * 4096 * 1376, M.expertFlops(), 0.0);
    // LM head d -> V
    assertEquals(2.0 * 4096 * 32000, M.headFlops(), 0.0);
    // fp32 expert weights: 4 bytes x 3 d w = 67,633,152 B (the 67.6 MB in DESIGN.md)
    assertEquals(4L * 3 * 4096 * 1376, M.expertWeightBytes());
    assertEquals(67_633_152L, M.expertWeightBytes());
    // the 4-of-16 model halves the expert width: half the expert FLOPs
    assertEquals(M.expertFlops() / 2, ModelPresets.LLAMA_MOE_3_5B_4OF16.expertFlops(), 0.0);
  }

  @Test
  void expertWeightBytesDoNotOverflowInt() {
    // 4 x 3 x 65536 x 65536 = 1.5e11 > Integer.MAX_VALUE
    assertEquals(4L * 3 * 65536 * 65536, new MoeModel("big", 1, 1, 1, 65536, 65536, 1).expertWeightBytes());
  }

  private static void assertNames(String field, Executable e) {
    InvalidInputException ex = assertThrows(InvalidInputException.class, e);
    assertTrue(ex.getMessage().contains(field), ex.getMessage());
  }

  @Test
  void validationNamesTheField() {
    assertNames("top-k", () -> new MoeModel("m", 32, 8, 9, 4096, 1376, 32000));
    assertNames("top-k", () -> new MoeModel("m", 32, 8, 0, 4096, 1376, 32000));
    assertNames("layers", () -> new MoeModel("m", 0, 8, 2, 4096, 1376, 32000));
    assertNames("experts", () -> new MoeModel("m", 32, 0, 1, 4096, 1376, 32000));
    assertNames("hidden", () -> new MoeModel("m", 32, 8, 2, -1, 1376, 32000));
    assertNames("expert width", () -> new MoeModel("m", 32, 8, 2, 4096, 0, 32000));
    assertNames("vocabulary", () -> new MoeModel("m", 32, 8, 2, 4096, 1376, 0));
    new MoeModel("m", 1, 8, 8, 1, 1, 1); // top-k = experts is allowed
  }
}
