package org.spacemoe.ground.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.input.StrictJson;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.plan.PlanInputs;

/**
 * Parses {@code --fleet}:
 * <ul>
 *   <li>{@code uniform} (default): every satellite is the {@code --device};</li>
 *   <li>{@code per-plane:D0/D1/...}: plane {@code p} gets device {@code D[p mod n]};</li>
 *   <li>{@code per-slot:D0/D1/...}: the satellite in slot {@code s} of its plane gets {@code D[s mod n]};</li>
 *   <li>a JSON file {@code {"format": "spacemoe-fleet", "version": 1, "default": D, "planes": {"3": D},
 *       "satellites": {"p03s04": D}}} (satellites override planes, planes override the default).</li>
 * </ul>
 * Each {@code D} is a {@code --device} value (a preset or {@code custom:gflops=..,memory-gib=..}).
 */
public final class FleetSpecs {
  public static final String FILE_FORMAT = "spacemoe-fleet";
  private static final int MAX_FILE_BYTES = 16 << 20;

  private FleetSpecs() {}

  public static Fleet parse(String spec, DeviceProfile defaultDevice, Constellation c) {
    String s = spec == null ? "" : spec.trim();
    if (s.isEmpty() || s.equals("uniform")) {
      return Fleet.uniform(defaultDevice);
    }
    if (s.startsWith("per-plane:") || s.startsWith("per-slot:")) {
      boolean byPlane = s.startsWith("per-plane:");
      String list = s.substring(s.indexOf(':') + 1);
      if (list.isBlank()) {
        throw new InvalidInputException("--fleet", "'" + spec + "' lists no devices");
      }
      List<DeviceProfile> devices = java.util.Arrays.stream(list.split("/")).map(d -> device("--fleet", d)).toList();
      DeviceProfile[] of = new DeviceProfile[c.size()];
      for (Satellite sat : c.satellites()) {
        int key = byPlane ? sat.plane() : sat.slotInPlane();
        of[sat.index()] = devices.get(key % devices.size());
      }
      return Fleet.mixed(s, of);
    }
    if (s.contains(":") && !Files.exists(Path.of(s))) {
      throw new InvalidInputException("--fleet", "unknown fleet '" + spec
          + "'; use uniform, per-plane:D0/D1/.., per-slot:D0/D1/.. or a fleet JSON file");
    }
    return file(Path.of(s), defaultDevice, c);
  }

  /** Reads a fleet file (format above). */
  public static Fleet file(Path file, DeviceProfile defaultDevice, Constellation c) {
    String in = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(in, "no such fleet file");
    } catch (IOException e) {
      throw new InvalidInputException(in, "cannot read fleet file: " + e.getMessage());
    }
    JsonNode root;
    try {
      root = StrictJson.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new InvalidInputException(in, "not JSON: " + StrictJson.describe(e));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(in, "a fleet file is a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!Set.of("format", "version", "default", "planes", "satellites").contains(k)) {
        throw new InvalidInputException(in, "unknown field '" + k + "' (fields: format, version, default, planes, satellites)");
      }
    }
    if (!FILE_FORMAT.equals(root.path("format").asText(null))) {
      throw new InvalidInputException(in, "field format must be \"" + FILE_FORMAT + "\"");
    }
    if (!root.path("version").isInt() || root.path("version").asInt() != 1) {
      throw new InvalidInputException(in, "field version must be 1");
    }
    DeviceProfile base = root.has("default") ? device(in + " default", text(in, root.get("default"), "default"))
        : defaultDevice;
    DeviceProfile[] of = new DeviceProfile[c.size()];
    java.util.Arrays.fill(of, base);
    JsonNode planes = root.path("planes");
    if (!planes.isMissingNode()) {
      requireObject(in, planes, "planes");
      for (Iterator<Map.Entry<String, JsonNode>> it = planes.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        int p;
        try {
          p = Integer.parseInt(e.getKey());
        } catch (NumberFormatException x) {
          throw new InvalidInputException(in, "planes key '" + e.getKey() + "' is not a plane number");
        }
        if (p < 0 || p >= c.planeCount()) {
          throw new InvalidInputException(in, "plane " + p + " is not in the constellation (0.." + (c.planeCount() - 1) + ")");
        }
        DeviceProfile d = device(in + " plane " + p, text(in, e.getValue(), "planes." + p));
        for (Satellite sat : c.satellites()) {
          if (sat.plane() == p) {
            of[sat.index()] = d;
          }
        }
      }
    }
    JsonNode sats = root.path("satellites");
    if (!sats.isMissingNode()) {
      requireObject(in, sats, "satellites");
      Map<String, Integer> byName = new HashMap<>();
      for (Satellite sat : c.satellites()) {
        byName.put(sat.name(), sat.index());
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = sats.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Integer i = byName.get(e.getKey());
        if (i == null) {
          throw new InvalidInputException(in, "satellite '" + e.getKey() + "' is not in the constellation " + c.id());
        }
        of[i] = device(in + " satellite " + e.getKey(), text(in, e.getValue(), "satellites." + e.getKey()));
      }
    }
    return Fleet.mixed(in, of);
  }

  /** Rebuilds a plan's fleet; {@code null} gives the uniform fleet of {@code device}. */
  public static Fleet fromPlan(PlanInputs.FleetSpec spec, DeviceProfile device, Constellation c, String input) {
    if (spec == null) {
      return Fleet.uniform(device);
    }
    if (spec.deviceOfSatellite().size() != c.size()) {
      throw new InvalidInputException(input, "fleet lists " + spec.deviceOfSatellite().size()
          + " satellites, the constellation has " + c.size());
    }
    List<DeviceProfile> devices = spec.devices().stream()
        .map(PlanInputs.DeviceSpec::toProfile).toList();
    DeviceProfile[] of = new DeviceProfile[c.size()];
    for (int i = 0; i < of.length; i++) {
      Integer k = spec.deviceOfSatellite().get(i);
      if (k == null || k < 0 || k >= devices.size()) {
        throw new InvalidInputException(input, "fleet entry " + i + " names device " + k + " of " + devices.size());
      }
      of[i] = devices.get(k);
    }
    return Fleet.mixed(spec.spec(), of);
  }

  private static DeviceProfile device(String input, String spec) {
    try {
      return DeviceProfile.parse(spec);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(input, e.getMessage().replaceFirst("^--device: ", ""));
    }
  }

  private static String text(String in, JsonNode n, String field) {
    if (!n.isTextual()) {
      throw new InvalidInputException(in, "field " + field + " must be a device name string");
    }
    return n.asText();
  }

  private static void requireObject(String in, JsonNode n, String field) {
    if (!n.isObject()) {
      throw new InvalidInputException(in, "field " + field + " must be an object");
    }
  }
}
