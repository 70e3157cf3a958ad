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
  HEAD;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
