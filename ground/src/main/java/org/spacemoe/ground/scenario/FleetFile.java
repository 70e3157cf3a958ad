package org.spacemoe.ground.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fleet file as {@link FleetSpecs} documents it, each device a {@code --device} value. Only format and version
 * are required.
 *
 * @param format always {@value #FORMAT}
 * @param version always 1
 * @param defaultDevice the device of satellites named in neither map, or null for the {@code --device}
 * @param planes device by plane number, sorted, no null values (overrides the default)
 * @param satellites device by satellite name, sorted, no null values (overrides the planes)
 * @throws IllegalArgumentException naming the field that breaks these rules
 */
record FleetFile(
    String format,
    Integer version,
    @JsonProperty("default") String defaultDevice,
    Map<Integer, String> planes,
    Map<String, String> satellites) {
  static final String FORMAT = "spacemoe-fleet";

  FleetFile {
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("field format must be \"" + FORMAT + "\"");
    }
    if (version == null || version != 1) {
      throw new IllegalArgumentException("field version must be 1");
    }
    planes = sortedDevices("planes", planes);
    satellites = sortedDevices("satellites", satellites);
  }

  private static <K> Map<K, String> sortedDevices(String field, Map<K, String> devices) {
    if (devices == null) {
      return Map.of();
    }
    devices.forEach((k, d) -> {
      if (d == null) {
        throw new IllegalArgumentException("field " + field + "." + k + " must be a device name string");
      }
    });
    return Collections.unmodifiableMap(new TreeMap<>(devices));
  }
}
