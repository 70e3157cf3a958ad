package org.spacemoe.onboard.selftest;

/**
 * One ONNX Runtime native library mapped into this process.
 *
 * @param path the file as {@code /proc/self/maps} names it
 * @param elfMachine the ELF header's machine ({@code aarch64}, {@code x86-64}, ...), or null when unreadable
 * @param resource the jar resource it was extracted from (its SHA-256 equals the file's), e.g.
 *     {@code ai/onnxruntime/native/linux-aarch64/libonnxruntime.so}, or null when none matches
 * @param sha256 the file's SHA-256, or null when unreadable
 */
public record NativeLibrary(String path, String elfMachine, String resource, String sha256) {
  /** The platform directory of the resource ({@code linux-aarch64}), or null. */
  public String platform() {
    if (resource == null) {
      return null;
    }
    String[] parts = resource.split("/");
    return parts.length >= 2 ? parts[parts.length - 2] : null;
  }
}
