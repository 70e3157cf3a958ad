package org.spacemoe.onboard.selftest;

import java.util.List;

/**
 * Where the selftest ran.
 *
 * @param os {@code os.name} and {@code os.version}
 * @param arch {@code os.arch} of the JVM ({@code aarch64}, {@code amd64})
 * @param cores available processors
 * @param cpu what {@code /proc/cpuinfo} says
 * @param java {@code java.version} and {@code java.vendor}
 * @param vm {@code java.vm.name}
 * @param maxHeapBytes the JVM's maximum heap
 * @param onnxRuntime ONNX Runtime version
 * @param nativeLibraries the ONNX Runtime native libraries mapped into this process
 */
public record PlatformInfo(String os, String arch, int cores, CpuInfo cpu, String java, String vm, long maxHeapBytes,
    String onnxRuntime, List<NativeLibrary> nativeLibraries) {
  public PlatformInfo {
    nativeLibraries = List.copyOf(nativeLibraries);
  }

  /** Reads this process's platform (initialises ONNX Runtime). */
  public static PlatformInfo current() {
    String arch = System.getProperty("os.arch");
    return new PlatformInfo(System.getProperty("os.name") + " " + System.getProperty("os.version"), arch,
        Runtime.getRuntime().availableProcessors(), CpuInfo.read(arch),
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory(), NativeLibraryProbe.ortVersion(),
        NativeLibraryProbe.loaded());
  }

  /** The platform directory of the main ONNX Runtime library ({@code linux-aarch64}), or null if unproven. */
  public String ortPlatform() {
    for (NativeLibrary l : nativeLibraries) {
      if (l.path().endsWith("/libonnxruntime.so") && l.platform() != null) {
        return l.platform();
      }
    }
    return null;
  }
}
