package org.spacemoe.hil.inventory;

import java.util.Arrays;
import java.util.Optional;

/** A board's CPU architecture as {@code uname -m} prints it; the onboard distribution runs on both. */
public enum Architecture {
  AARCH64("aarch64"),
  X86_64("x86_64");

  private final String yamlName;

  Architecture(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The name used in inventories and printed by {@code uname -m}. */
  public String yamlName() {
    return yamlName;
  }

  static Optional<Architecture> byName(String name) {
    return Arrays.stream(values()).filter(a -> a.yamlName.equals(name)).findFirst();
  }
}
