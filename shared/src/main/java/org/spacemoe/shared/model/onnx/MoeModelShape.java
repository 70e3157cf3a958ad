package org.spacemoe.shared.model.onnx;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.ModelPresets;
import org.spacemoe.shared.model.MoeModel;

/**
 * The shape of a decoder-only MoE model written as ONNX shards: the planner's {@link MoeModel} plus the number
 * of attention heads.
 *
 * @param name preset name
 * @param layers MoE decoder layers, >= 1
 * @param experts experts per layer, >= 1
 * @param topK experts activated per token and layer, in [1, experts]
 * @param hidden hidden size d, a multiple of {@code heads}
 * @param expertWidth FFN width w of one SwiGLU expert
 * @param vocab vocabulary size V
 * @param heads attention heads h, {@code hidden % heads == 0}
 */
public record MoeModelShape(String name, int layers, int experts, int topK, int hidden, int expertWidth, int vocab,
    int heads) {
  /** 2 layers, 4 experts, top-2, d=32, w=64, V=64, 4 heads: for tests. */
  public static final MoeModelShape TINY = of(ModelPresets.TINY, 4);
  /** 32 layers, 8 experts, top-2, d=128, w=344, V=512, 4 heads: the paper's structure, small enough for one process. */
  public static final MoeModelShape BENCH = of(ModelPresets.BENCH, 4);
  /** LLaMA-MoE-3.5B (2/8): 32 layers, 8 experts, top-2, d=4096, w=1376, V=32000, 32 heads. */
  public static final MoeModelShape PAPER = of(ModelPresets.PAPER, 32);

  /**
   * The paper's dimensions (d=4096, w=1376, 8 experts, top-2, V=32000, 32 heads) with only 2 layers, so that a
   * bench runs them in one process of a workstation (about 2.7 GB of FP32 shards): real, large compute per hop.
   */
  public static final MoeModelShape PAPER_SLICE = of(ModelPresets.PAPER_SLICE, 32);

  private static final Map<String, MoeModelShape> PRESETS = new LinkedHashMap<>();

  static {
    PRESETS.put(TINY.name, TINY);
    PRESETS.put(BENCH.name, BENCH);
    PRESETS.put(PAPER.name, PAPER);
    PRESETS.put(PAPER_SLICE.name, PAPER_SLICE);
  }

  public MoeModelShape {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("model name", "is empty");
    }
    Checks.positive("model layers", layers);
    Checks.positive("model experts", experts);
    Checks.positive("model top-k", topK);
    if (topK > experts) {
      throw new InvalidInputException("model top-k", "must be <= experts (" + experts + "), got " + topK);
    }
    Checks.positive("model hidden size", hidden);
    Checks.positive("model expert width", expertWidth);
    Checks.positive("model vocabulary", vocab);
    Checks.positive("model heads", heads);
    if (hidden % heads != 0) {
      throw new InvalidInputException("model heads", "hidden size " + hidden + " is not a multiple of " + heads
          + " heads");
    }
  }

  /** The presets by name: tiny, bench, paper, paper-slice. */
  public static Map<String, MoeModelShape> presets() {
    return PRESETS;
  }

  /** The preset named {@code name} (case-insensitive); an unknown name fails naming {@code --preset}. */
  public static MoeModelShape preset(String name) {
    MoeModelShape s = name == null ? null : PRESETS.get(name.trim().toLowerCase(Locale.ROOT));
    if (s == null) {
      throw new InvalidInputException("--preset", "unknown preset '" + name + "'; use one of "
          + String.join(", ", PRESETS.keySet()));
    }
    return s;
  }

  /** {@code model}'s shape with {@code heads} attention heads. */
  public static MoeModelShape of(MoeModel model, int heads) {
    return new MoeModelShape(model.name(), model.layers(), model.experts(), model.topK(), model.hidden(),
        model.expertWidth(), model.vocab(), heads);
  }

  /** Width of one attention head, {@code hidden / heads}. */
  public int headDim() {
    return hidden / heads;
  }

  /** The planner's view of this model (FLOP formulas). */
  public MoeModel toMoeModel() {
    return new MoeModel(name, layers, experts, topK, hidden, expertWidth, vocab);
  }
}
