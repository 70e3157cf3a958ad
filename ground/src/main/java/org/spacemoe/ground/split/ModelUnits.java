package org.spacemoe.ground.split;

import java.util.ArrayList;
import java.util.List;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.model.onnx.WeightFormat;

/**
 * The layer sequence of a model as split units: {@code embed}, {@code layer 0 .. layer L-1}, {@code head}
 * ({@code L + 2} units). Compute uses the model's FLOP accounting (the latency model's): a layer runs its gateway
 * (attention at the planned context, router) and its top-k experts per token; the embedding is a table lookup (no
 * multiply-adds); the head is the LM head. Memory: every expert's weights (any can be selected), attention
 * projections ({@code 4 d^2}), router ({@code d E}), embedding and head tables ({@code V d} each), at the
 * weight format's bytes per element, plus an fp32 KV cache of {@code 2 c d} values per layer and sequence.
 */
public final class ModelUnits {
  private ModelUnits() {}

  public static List<SplitUnit> of(MoeModel m, int contextTokens, WeightFormat weights) {
    long b = weights.bytesPerElement();
    long d = m.hidden();
    List<SplitUnit> units = new ArrayList<>(m.layers() + 2);
    units.add(new SplitUnit("embed", 0, b * m.vocab() * d, 0));
    long layerWeights = b * (4 * d * d + d * m.experts() + (long) m.experts() * 3 * d * m.expertWidth());
    long kv = 4L * 2 * contextTokens * d;
    double layerFlops = m.gatewayFlops(contextTokens) + m.topK() * m.expertFlops();
    for (int l = 0; l < m.layers(); l++) {
      units.add(new SplitUnit("layer " + l, layerFlops, layerWeights, kv));
    }
    units.add(new SplitUnit("head", m.headFlops(), b * m.vocab() * d, 0));
    return units;
  }
}
