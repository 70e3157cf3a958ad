package org.spacemoe.shared.model.onnx;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a shard computes. */
public enum ShardKind {
  /** Token id -> hidden state (an embedding lookup). */
  EMBED,
  /** One layer's attention (with its KV cache), the second norm and the router. */
  GATEWAY,
  /** One SwiGLU expert FFN of one layer. */
  EXPERT,
  /** Final norm and LM head. */
  HEAD,
  /**
   * One share of a layer's attention split by heads over {@code width} satellites (tensor parallelism): the
   * first norm, its heads' Q/K/V columns and KV cache, and its rows of the O projection.
   */
  ATTENTION_PART,
  /** A split layer's residual with the summed attention shares, second norm and router (the lead's). */
  COMBINE,
  /** One vocabulary slice of the LM head split {@code width} ways: final norm and its columns of Wlm. */
  HEAD_SLICE;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
