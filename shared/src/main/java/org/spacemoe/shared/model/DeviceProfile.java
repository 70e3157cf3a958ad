package org.spacemoe.shared.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * An onboard computer: sustained compute rate, memory, and the software cost of one frame hop on it.
 *
 * @param name preset name or {@code custom}
 * @param flops sustained FLOP/s usable for inference
 * @param memoryBytes bytes of memory for model weights and activations
 * @param hopOverheadS software time of one frame hop between satellites (encode, send, broker or link stack,
 *     receive, decode, dispatch), s, >= 0; measured on a computer with {@code spacemoe-hil hop-overhead}. The
 *     presets carry 0: the paper's model has no such term.
 */
public record DeviceProfile(String name, double flops, long memoryBytes, double hopOverheadS) {
  private static final long GIB = 1L << 30;
  /** BAE RAD5545: 3.7 GFLOPS, 4 GB. */
  public static final DeviceProfile RAD5545 = new DeviceProfile("rad5545", 3.7e9, 4 * GIB);
  /**
   * Name of the default device, {@link #SBC_2A72}: of a node, a bench or a command-line option when none is named
   * (a compile-time constant, for annotation defaults).
   */
  public static final String DEFAULT_NAME = "sbc-2a72";
  /** SBC-2A72: ~7 GFLOPS usable, 8 GB. */
  public static final DeviceProfile SBC_2A72 = new DeviceProfile(DEFAULT_NAME, 7.0e9, 8 * GIB);
  /** SpaceCloud iX10: up to 26 TOPS, 24 GB; taken as 26e12 operations/s. */
  public static final DeviceProfile IX10 = new DeviceProfile("ix10", 26e12, 24 * GIB);

  private static final Map<String, DeviceProfile> PRESETS = new LinkedHashMap<>();

  static {
    PRESETS.put(RAD5545.name, RAD5545);
    PRESETS.put(SBC_2A72.name, SBC_2A72);
    PRESETS.put(IX10.name, IX10);
  }

  public DeviceProfile {
    Checks.positive("device FLOPS", flops);
    if (memoryBytes <= 0) {
      throw new InvalidInputException("device memory", "must be > 0 bytes, got " + memoryBytes);
    }
    if (!(hopOverheadS >= 0) || Double.isInfinite(hopOverheadS)) {
      throw new InvalidInputException("device hop overhead", "must be a finite number >= 0 s, got " + hopOverheadS);
    }
  }

  /** A device without per-hop software cost. */
  public DeviceProfile(String name, double flops, long memoryBytes) {
    this(name, flops, memoryBytes, 0);
  }

  /** This device with {@code s} seconds of software time per frame hop. */
  public DeviceProfile withHopOverheadS(double s) {
    return new DeviceProfile(name, flops, memoryBytes, s);
  }

  /** The device used when none is named: {@link #SBC_2A72}. */
  public static DeviceProfile defaultProfile() {
    return SBC_2A72;
  }

  public static Map<String, DeviceProfile> presets() {
    return PRESETS;
  }

  /** Compute time of {@code flopCount} FLOPs, s. */
  public double computeS(double flopCount) {
    return flopCount / flops;
  }

  /** Parses a preset name or {@code custom:gflops=7,memory-gib=8[,hop-overhead-ms=0.4]}. */
  public static DeviceProfile parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new InvalidInputException("--device", "is empty; presets: " + String.join(", ", PRESETS.keySet()));
    }
    String s = spec.trim().toLowerCase(Locale.ROOT);
    DeviceProfile p = PRESETS.get(s);
    if (p != null) {
      return p;
    }
    if (!s.startsWith("custom:")) {
      throw new InvalidInputException("--device", "unknown device '" + spec + "'; presets: "
          + String.join(", ", PRESETS.keySet()) + ", or custom:gflops=..,memory-gib=..[,hop-overhead-ms=..]");
    }
    Map<String, String> kv = KeyValueSpec.parse("--device", s.substring(7), Set.of("gflops", "memory-gib", "hop-overhead-ms"));
    double gflops = KeyValueSpec.doubleValue("--device", kv, "gflops", Double.NaN);
    double mem = KeyValueSpec.doubleValue("--device", kv, "memory-gib", 8);
    if (Double.isNaN(gflops)) {
      throw new InvalidInputException("--device", "custom device needs gflops=");
    }
    Checks.positive("--device gflops", gflops);
    Checks.positive("--device memory-gib", mem);
    double hopMs = KeyValueSpec.doubleValue("--device", kv, "hop-overhead-ms", 0);
    Checks.nonNegative("--device hop-overhead-ms", hopMs);
    return new DeviceProfile("custom", gflops * 1e9, (long) (mem * GIB), hopMs / 1e3);
  }
}
