package org.spacemoe.hil.inventory;

import java.util.Arrays;
import java.util.Optional;

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

  public String yamlName() {
    return yamlName;
  }

  static Optional<ServiceManager> byName(String name) {
    return Arrays.stream(values()).filter(a -> a.yamlName.equals(name)).findFirst();
  }
}
