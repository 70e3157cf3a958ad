package org.spacemoe.shared.model.onnx;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.spacemoe.shared.input.InvalidInputException;

/** How weight initializers are stored in the shard files. */
public enum WeightFormat {
  /** FLOAT initializers. */
  FP32,
  /** FLOAT16 initializers, each followed by a Cast to FLOAT inside the graph: half the bytes, same arithmetic. */
  FP16;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static WeightFormat parse(String s) {
    for (WeightFormat w : values()) {
      if (w.wireName().equalsIgnoreCase(s == null ? "" : s.trim())) {
        return w;
      }
    }
    throw new InvalidInputException("--weights", "unknown weight format '" + s + "'; use fp32 or fp16");
  }

  /** Bytes per stored weight element. */
  public int bytesPerElement() {
    return this == FP32 ? 4 : 2;
  }
}
