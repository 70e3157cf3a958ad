package org.spacemoe.ground.split;

import org.jgrapht.graph.DefaultWeightedEdge;
import org.spacemoe.shared.model.HiddenStateCodec;

/**
 * An edge of the split DAG: stage {@code stage} runs units {@code [from, to)}, then either sends the hidden state
 * to the next stage with {@code codec} or, when {@code codec} is null, ends the token (LM head done).
 */
final class SplitEdge extends DefaultWeightedEdge {
  private static final long serialVersionUID = 1L;
  final int stage;
  final int from;
  final int to;
  final HiddenStateCodec codec;

  SplitEdge(int stage, int from, int to, HiddenStateCodec codec) {
    this.stage = stage;
    this.from = from;
    this.to = to;
    this.codec = codec;
  }
}
