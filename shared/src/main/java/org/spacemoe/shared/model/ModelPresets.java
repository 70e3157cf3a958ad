package org.spacemoe.shared.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Named models and the custom spec syntax
 * {@code custom:layers=32,experts=8,top-k=2,hidden=4096,expert-width=1376,vocab=32000}. The names of the ONNX
 * export presets ({@code tiny}, {@code bench}, {@code paper}, {@code paper-slice}) are models too, so that a plan
 * made for an exported model carries that model's name and dimensions.
 */
public final class ModelPresets {
  public static final MoeModel LLAMA_MOE_3_5B_2OF8 = new MoeModel("llama-moe-3.5b-2of8", 32, 8, 2, 4096, 1376, 32000);
  public static final MoeModel LLAMA_MOE_3_5B_4OF16 = new MoeModel("llama-moe-3.5b-4of16", 32, 16, 4, 4096, 688, 32000);

  /** Export preset: 2 layers, 4 experts, top-2, d=32, w=64, V=64 (tests). */
  public static final MoeModel TINY = new MoeModel("tiny", 2, 4, 2, 32, 64, 64);
  /** Export preset: the paper's structure (32 layers, 8 experts, top-2) at d=128, w=344, V=512. */
  public static final MoeModel BENCH = new MoeModel("bench", 32, 8, 2, 128, 344, 512);
  /** Export preset: LLaMA-MoE-3.5B (2/8)'s dimensions. */
  public static final MoeModel PAPER = new MoeModel("paper", 32, 8, 2, 4096, 1376, 32000);
  /** Export preset: the paper's dimensions with 2 layers. */
  public static final MoeModel PAPER_SLICE = new MoeModel("paper-slice", 2, 8, 2, 4096, 1376, 32000);

  private static final Map<String, MoeModel> PRESETS = new LinkedHashMap<>();

  static {
    for (MoeModel m : new MoeModel[] {LLAMA_MOE_3_5B_2OF8, LLAMA_MOE_3_5B_4OF16, TINY, BENCH, PAPER, PAPER_SLICE}) {
      PRESETS.put(m.name(), m);
    }
  }

  private ModelPresets() {}

  public static Map<String, MoeModel> presets() {
    return PRESETS;
  }

  /** Parses a preset name or a {@code custom:...} spec; unknown names and keys fail naming them. */
  public static MoeModel parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new InvalidInputException("--model", "is empty; presets: " + String.join(", ", PRESETS.keySet()));
    }
    String s = spec.trim().toLowerCase(Locale.ROOT);
    MoeModel preset = PRESETS.get(s);
    if (preset != null) {
      return preset;
    }
    if (!s.startsWith("custom:") && !s.equals("custom")) {
      throw new InvalidInputException("--model", "unknown preset '" + spec + "'; presets: "
          + String.join(", ", PRESETS.keySet()) + ", or custom:layers=..,experts=..,top-k=..,hidden=..,expert-width=..,vocab=..");
    }
    MoeModel base = LLAMA_MOE_3_5B_2OF8;
    Map<String, String> kv = KeyValueSpec.parse("--model", s.substring(Math.min(s.length(), "custom:".length())),
        java.util.Set.of("layers", "experts", "top-k", "hidden", "expert-width", "vocab"));
    return new MoeModel("custom",
        KeyValueSpec.intValue("--model", kv, "layers", base.layers()),
        KeyValueSpec.intValue("--model", kv, "experts", base.experts()),
        KeyValueSpec.intValue("--model", kv, "top-k", base.topK()),
        KeyValueSpec.intValue("--model", kv, "hidden", base.hidden()),
        KeyValueSpec.intValue("--model", kv, "expert-width", base.expertWidth()),
        KeyValueSpec.intValue("--model", kv, "vocab", base.vocab()));
  }
}
