package org.spacemoe.ground.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.plan.PlanInputs;

/**
 * The onboard computer of every satellite: one device for all ({@link #uniform}) or a mixed fleet. Immutable.
 * Invariant: a mixed fleet has one device per satellite, in constellation index order.
 */
public final class Fleet {
  private final String spec;
  private final DeviceProfile uniform;
  private final DeviceProfile[] perSatellite;

  private Fleet(String spec, DeviceProfile uniform, DeviceProfile[] perSatellite) {
    this.spec = spec;
    this.uniform = uniform;
    this.perSatellite = perSatellite;
  }

  /** Every satellite is {@code device}. */
  public static Fleet uniform(DeviceProfile device) {
    return new Fleet("uniform", device, null);
  }

  /** A mixed fleet; {@code perSatellite[i]} is satellite i's device. */
  public static Fleet mixed(String spec, DeviceProfile[] perSatellite) {
    return new Fleet(spec, null, perSatellite.clone());
  }

  public boolean isUniform() {
    return perSatellite == null;
  }

  public String spec() {
    return spec;
  }

  /** Device of satellite {@code satellite} (dense index). */
  public DeviceProfile device(int satellite) {
    return perSatellite == null ? uniform : perSatellite[satellite];
  }

  /** Number of satellites a mixed fleet describes; -1 for a uniform fleet. */
  public int size() {
    return perSatellite == null ? -1 : perSatellite.length;
  }

  /** The distinct devices, in first-seen order. */
  public List<DeviceProfile> devices() {
    if (perSatellite == null) {
      return List.of(uniform);
    }
    return Arrays.stream(perSatellite).distinct().toList();
  }

  /** This fleet with every device costing {@code s} seconds of software time per frame hop. */
  public Fleet withHopOverheadS(double s) {
    if (perSatellite == null) {
      return new Fleet(spec, uniform.withHopOverheadS(s), null);
    }
    DeviceProfile[] of = new DeviceProfile[perSatellite.length];
    for (int i = 0; i < of.length; i++) {
      of[i] = perSatellite[i].withHopOverheadS(s);
    }
    return new Fleet(spec, null, of);
  }

  /** The plan form; {@code null} for a uniform fleet (the plan's {@code device} says it all). */
  public PlanInputs.FleetSpec toPlan() {
    if (perSatellite == null) {
      return null;
    }
    List<DeviceProfile> distinct = devices();
    List<PlanInputs.DeviceSpec> specs = distinct.stream()
        .map(PlanInputs.DeviceSpec::of).toList();
    List<Integer> of = new ArrayList<>(perSatellite.length);
    for (DeviceProfile d : perSatellite) {
      of.add(distinct.indexOf(d));
    }
    return new PlanInputs.FleetSpec(spec, specs, of);
  }

  /** Device counts by name, for reports. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("spec", spec);
    Map<String, Integer> counts = new LinkedHashMap<>();
    if (perSatellite == null) {
      counts.put(uniform.name(), -1);
    } else {
      for (DeviceProfile d : perSatellite) {
        counts.merge(d.name(), 1, Integer::sum);
      }
    }
    m.put("satellitesPerDevice", counts);
    return m;
  }
}
