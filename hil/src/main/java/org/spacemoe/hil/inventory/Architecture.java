package org.spacemoe.hil.inventory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** A board's CPU architecture as {@code uname -m} prints it; the onboard distribution runs on both. */
public enum Architecture {
  AARCH64("aarch64"),
  X86_64("x86_64");

  private final String yamlName;

  Architecture(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The name used in inventories and printed by {@code uname -m}. */
  @JsonValue
  public String yamlName() {
    return yamlName;
  }

  /** @throws IllegalArgumentException naming the known architectures */
  @JsonCreator
  static Architecture of(String name) {
    return Arrays.stream(values()).filter(a -> a.yamlName.equals(name)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown architecture '" + name + "' (known: aarch64, x86_64)"));
  }
}
