package org.spacemoe.ground.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private static final int MAX_FILE_BYTES = 16 << 20;
  /** Strict, but {@code default}, {@code planes} and {@code satellites} may be absent. */
  private static final ObjectReader READER = StrictJson.mapper().readerFor(FleetFile.class)
      .without(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

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
      List<DeviceProfile> devices = Arrays.stream(list.split("/")).map(d -> device("--fleet", d)).toList();
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
    FleetFile doc = read(in, file);
    DeviceProfile[] of = new DeviceProfile[c.size()];
    Arrays.fill(of, doc.defaultDevice() == null ? defaultDevice : device(in + " default", doc.defaultDevice()));
    doc.planes().forEach((p, spec) -> {
      if (p < 0 || p >= c.planeCount()) {
        throw new InvalidInputException(in, "plane " + p + " is not in the constellation (0.." + (c.planeCount() - 1) + ")");
      }
      DeviceProfile d = device(in + " plane " + p, spec);
      c.satellites().stream().filter(sat -> sat.plane() == p).forEach(sat -> of[sat.index()] = d);
    });
    Map<String, Integer> byName = new HashMap<>();
    c.satellites().forEach(sat -> byName.put(sat.name(), sat.index()));
    doc.satellites().forEach((name, spec) -> {
      Integer i = byName.get(name);
      if (i == null) {
        throw new InvalidInputException(in, "satellite '" + name + "' is not in the constellation " + c.id());
      }
      of[i] = device(in + " satellite " + name, spec);
    });
    return Fleet.mixed(in, of);
  }

  private static FleetFile read(String in, Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(in, "no such fleet file");
    } catch (IOException e) {
      throw new InvalidInputException(in, "cannot read fleet file: " + e.getMessage());
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new InvalidInputException(in, bytes.length + " bytes exceed the limit of " + MAX_FILE_BYTES);
    }
    FleetFile doc;
    try {
      doc = READER.readValue(bytes);
    } catch (ValueInstantiationException e) {
      throw new InvalidInputException(in, e.getCause() instanceof IllegalArgumentException rule ? rule.getMessage()
          : StrictJson.describe(e));
    } catch (IOException e) {
      throw new InvalidInputException(in, StrictJson.describe(e));
    }
    if (doc == null) {
      throw new InvalidInputException(in, "a fleet file is a JSON object");
    }
    return doc;
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

}
