package org.spacemoe.onboard.selftest;

/**
 * One ONNX Runtime native library mapped into this process.
 *
 * @param path the file as {@code /proc/self/maps} names it
 * @param elfMachine the ELF header's machine ({@code aarch64}, {@code x86-64}, ...), or null when unreadable
 * @param resource the bundled library with the same SHA-256: a distribution file such as
 *     {@code lib/native/linux-aarch64/libonnxruntime.so}, or a jar resource it was extracted from such as
 *     {@code jar ai/onnxruntime/native/linux-aarch64/libonnxruntime.so}; null when none matches
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
