package org.spacemoe.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;

class ModelPresetsTest {
  @Test
  void presetsByName() {
    assertSame(ModelPresets.LLAMA_MOE_3_5B_2OF8, ModelPresets.parse("llama-moe-3.5b-2of8"));
    assertSame(ModelPresets.LLAMA_MOE_3_5B_4OF16, ModelPresets.parse(" LLaMA-MoE-3.5B-4of16 "));
    MoeModel m = ModelPresets.LLAMA_MOE_3_5B_2OF8;
    assertEquals(new MoeModel("llama-moe-3.5b-2of8", 32, 8, 2, 4096, 1376, 32000), m);
    // the 4-of-16 variant splits each 2-of-8 expert in two: 16 experts of width 1376 / 2 = 688, top-4
    assertEquals(new MoeModel("llama-moe-3.5b-4of16", 32, 16, 4, 4096, 688, 32000), ModelPresets.LLAMA_MOE_3_5B_4OF16);
    assertEquals(6, ModelPresets.presets().size());
  }

  @Test
  void theExportPresetsAreModelsWithTheirNames() {
    assertEquals(new MoeModel("tiny", 2, 4, 2, 32, 64, 64), ModelPresets.parse("tiny"));
    assertEquals(new MoeModel("bench", 32, 8, 2, 128, 344, 512), ModelPresets.parse("Bench"));
    assertEquals(new MoeModel("paper", 32, 8, 2, 4096, 1376, 32000), ModelPresets.parse("paper"));
    assertEquals(new MoeModel("paper-slice", 2, 8, 2, 4096, 1376, 32000), ModelPresets.parse("paper-slice"));
  }

  @Test
  void customWithAllKeys() {
    MoeModel m = ModelPresets.parse("custom:layers=4,experts=16,top-k=3,hidden=256,expert-width=512,vocab=1000");
    assertEquals(new MoeModel("custom", 4, 16, 3, 256, 512, 1000), m);
  }

  @Test
  void customKeysDefaultToTheTwoOfEightModel() {
    assertEquals(new MoeModel("custom", 2, 8, 2, 4096, 1376, 32000), ModelPresets.parse("custom:layers=2"));
    assertEquals(new MoeModel("custom", 32, 8, 2, 4096, 1376, 32000), ModelPresets.parse("custom"));
  }

  private static String message(String spec) {
    return assertThrows(InvalidInputException.class, () -> ModelPresets.parse(spec)).getMessage();
  }

  @Test
  void badSpecsNameTheProblem() {
    String m = message("custom:layers=4,depth=9");
    assertTrue(m.contains("--model") && m.contains("'depth'"), m);
    m = message("mixtral-8x7b");
    assertTrue(m.contains("--model") && m.contains("mixtral-8x7b"), m);
    m = message("custom:layers=four");
    assertTrue(m.contains("layers") && m.contains("four"), m);
    m = message("custom:top-k=9"); // default experts = 8
    assertTrue(m.contains("top-k"), m);
    m = message("custom:layers=4,layers=5");
    assertTrue(m.contains("layers") && m.contains("twice"), m);
    m = message("custom:layers");
    assertTrue(m.contains("key=value"), m);
    assertTrue(message("  ").contains("--model"));
    assertTrue(message(null).contains("--model"));
  }
}
