package org.spacemoe.hil.inventory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * How a board runs the onboard service: a systemd unit, or the distribution's pid-file script
 * {@code bin/spacemoe-onboard-service} (boards without systemd, and the loopback bench of CI).
 */
public enum ServiceManager {
  SYSTEMD("systemd"),
  SCRIPT("script");

  private final String yamlName;

  ServiceManager(String yamlName) {
    this.yamlName = yamlName;
  }

  @JsonValue
  public String yamlName() {
    return yamlName;
  }

  /** @throws IllegalArgumentException naming the known service managers */
  @JsonCreator
  static ServiceManager of(String name) {
    return Arrays.stream(values()).filter(a -> a.yamlName.equals(name)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown service manager '" + name + "' (known: systemd, script)"));
  }
}
