package org.spacemoe.shared.model;

import java.util.Locale;
import org.spacemoe.shared.input.InvalidInputException;

/** Encodings of a hidden-state vector on an ISL. */
public enum HiddenStateCodec {
  FP32,
  FP16,
  /** One byte per element plus one fp32 scale per row. */
  INT8;

  /** Payload bytes of one hidden state of size {@code hidden} (one row). */
  public long bytes(int hidden) {
    switch (this) {
      case FP32:
        return 4L * hidden;
      case FP16:
        return 2L * hidden;
      default:
        return hidden + 4L;
    }
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The codec whose wire name is exactly {@code name} (as in plan and report files), if any. */
  public static java.util.Optional<HiddenStateCodec> byWireName(String name) {
    for (HiddenStateCodec c : values()) {
      if (c.wireName().equals(name)) {
        return java.util.Optional.of(c);
      }
    }
    return java.util.Optional.empty();
  }

  public static HiddenStateCodec parse(String s) {
    for (HiddenStateCodec c : values()) {
      if (c.wireName().equalsIgnoreCase(s == null ? "" : s.trim())) {
        return c;
      }
    }
    throw new InvalidInputException("--codec", "unknown codec '" + s + "'; use fp32, fp16 or int8");
  }
}
