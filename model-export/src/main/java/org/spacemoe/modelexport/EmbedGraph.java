package org.spacemoe.modelexport;

import org.spacemoe.shared.model.onnx.InitScales;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.SeededWeights;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.WeightFormat;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;

/** {@code embed.onnx}: {@code hidden = Gather(table [V,d], token_ids)}. */
final class EmbedGraph {
  private EmbedGraph() {}

  static ModelProto build(MoeModelShape s, SeededWeights w, WeightFormat f) {
    String shard = ShardContract.EMBED;
    OnnxGraphBuilder g = new OnnxGraphBuilder(shard, f);
    g.input(ShardContract.EMBED_TOKEN_IDS, OnnxGraphBuilder.INT64, 1);
    g.output(ShardContract.EMBED_HIDDEN, OnnxGraphBuilder.FLOAT, 1, s.hidden());
    String table = g.weight("table", w.gaussian(shard + ".table", 0, InitScales.EMBED_STD), s.vocab(), s.hidden());
    g.node("Gather", ShardContract.EMBED_HIDDEN, List.of(table, ShardContract.EMBED_TOKEN_IDS),
        OnnxGraphBuilder.intAttr("axis", 0));
    return g.build("SpaceMoE " + s.name() + " token embedding");
  }
}
