package org.spacemoe.shared.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.ModelPresets;

class MoeModelShapeTest {
  @Test
  void presets() {
    assertEquals(MoeModelShape.TINY, MoeModelShape.preset(" Tiny "));
    assertEquals(new MoeModelShape("bench", 32, 8, 2, 128, 344, 512, 4), MoeModelShape.preset("bench"));
    MoeModelShape paper = MoeModelShape.preset("paper");
    assertEquals(128, paper.headDim());
    assertEquals(ModelPresets.LLAMA_MOE_3_5B_2OF8.expertFlops(), paper.toMoeModel().expertFlops());
    MoeModelShape slice = MoeModelShape.preset("paper-slice");
    assertEquals(2, slice.layers());
    assertEquals(paper.toMoeModel().expertFlops(), slice.toMoeModel().expertFlops());
    assertEquals(paper.toMoeModel().headFlops(), slice.toMoeModel().headFlops());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> MoeModelShape.preset("huge"));
    assertTrue(e.getMessage().startsWith("--preset: unknown preset 'huge'"), e.getMessage());
  }

  @Test
  void headsMustDivideTheHiddenSize() {
    assertThrows(InvalidInputException.class, () -> new MoeModelShape("x", 1, 2, 1, 30, 8, 8, 4));
    assertThrows(InvalidInputException.class, () -> new MoeModelShape("x", 1, 2, 3, 32, 8, 8, 4));
  }
}
