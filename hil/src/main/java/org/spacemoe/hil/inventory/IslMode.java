package org.spacemoe.hil.inventory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * How a bench's boards carry ISL frames (the onboard {@code isl} setting): {@code shared}, every frame through the
 * inventory's broker; {@code mesh}, each board runs its own ISL broker (Mosquitto on its {@code isl-port}) and a frame
 * crosses one link per hop, published on the broker of the board that hosts the link's far end.
 */
public enum IslMode {
  SHARED("shared"),
  MESH("mesh");

  private final String yamlName;

  IslMode(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The name used in inventories, reports and the onboard {@code isl} setting. */
  @JsonValue
  public String yamlName() {
    return yamlName;
  }

  /** @throws IllegalArgumentException naming the known modes */
  @JsonCreator
  public static IslMode of(String name) {
    return Arrays.stream(values()).filter(m -> m.yamlName.equals(name)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown ISL mode '" + name + "' (known: shared, mesh)"));
  }
}
