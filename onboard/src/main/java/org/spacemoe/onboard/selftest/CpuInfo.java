package org.spacemoe.onboard.selftest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU as {@code /proc/cpuinfo} describes it: model (x86 {@code model name}, the board {@code Model} of a
 * Raspberry Pi, or the ARM core from {@code CPU implementer}/{@code CPU part}), the feature flags of the first
 * processor, and whether the file describes another architecture than the JVM runs on (user-mode emulation
 * such as qemu-aarch64 shows the host's file).
 *
 * @param model a human name, or null when the file is absent
 * @param features the first processor's {@code Features} (ARM) or {@code flags} (x86), space separated, or null
 * @param hostFile true when the file is the host's, not this architecture's
 * @param hwcap on aarch64: the features the kernel (or the emulator) gives this process, from {@code AT_HWCAP}
 *     ({@link Hwcap}); null elsewhere
 */
public record CpuInfo(String model, String features, boolean hostFile, String hwcap) {
  private static final Map<String, String> ARM_PARTS = new LinkedHashMap<>();

  static {
    ARM_PARTS.put("0x41:0xd03", "Cortex-A53");
    ARM_PARTS.put("0x41:0xd04", "Cortex-A35");
    ARM_PARTS.put("0x41:0xd05", "Cortex-A55");
    ARM_PARTS.put("0x41:0xd07", "Cortex-A57");
    ARM_PARTS.put("0x41:0xd08", "Cortex-A72");
    ARM_PARTS.put("0x41:0xd09", "Cortex-A73");
    ARM_PARTS.put("0x41:0xd0a", "Cortex-A75");
    ARM_PARTS.put("0x41:0xd0b", "Cortex-A76");
    ARM_PARTS.put("0x41:0xd0c", "Neoverse-N1");
    ARM_PARTS.put("0x41:0xd0d", "Cortex-A77");
    ARM_PARTS.put("0x41:0xd41", "Cortex-A78");
    ARM_PARTS.put("0x41:0xd42", "Cortex-A78AE");
    ARM_PARTS.put("0x4e:0x004", "NVIDIA Carmel");
  }

  /** Reads {@code /proc/cpuinfo}; {@code osArch} is the JVM's {@code os.arch}. */
  public static CpuInfo read(String osArch) {
    return read(Path.of("/proc/cpuinfo"), osArch);
  }

  static CpuInfo read(Path file, String osArch) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException | RuntimeException e) {
      return new CpuInfo(null, null, false, Hwcap.aarch64Features(osArch));
    }
    CpuInfo c = parse(lines, osArch);
    return new CpuInfo(c.model(), c.features(), c.hostFile(), Hwcap.aarch64Features(osArch));
  }

  /** Parses the lines of a cpuinfo file: the first value of each key wins. */
  static CpuInfo parse(List<String> lines, String osArch) {
    Map<String, String> first = new LinkedHashMap<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        first.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
    }
    String core = null;
    if (first.containsKey("cpu implementer") && first.containsKey("cpu part")) {
      String key = first.get("cpu implementer").toLowerCase(Locale.ROOT) + ":" + first.get("cpu part")
          .toLowerCase(Locale.ROOT);
      core = ARM_PARTS.getOrDefault(key, "ARM core " + key);
    }
    String model = first.containsKey("model name") ? null : first.get("model"); // x86 has a numeric "model"
    if (model != null && core != null) {
      model = model + " (" + core + ")";
    } else if (model == null) {
      model = core != null ? core : first.get("model name");
    }
    String features = first.containsKey("features") ? first.get("features") : first.get("flags");
    boolean armJvm = osArch.equals("aarch64") || osArch.startsWith("arm");
    boolean x86File = first.containsKey("flags") && first.containsKey("vendor_id");
    boolean armFile = first.containsKey("cpu implementer") || first.containsKey("features");
    boolean hostFile = (armJvm && x86File) || (!armJvm && armFile && !x86File);
    return new CpuInfo(model, features, hostFile, null);
  }
}
