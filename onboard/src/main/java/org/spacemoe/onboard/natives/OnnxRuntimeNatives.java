package org.spacemoe.onboard.natives;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where ONNX Runtime loads its native libraries from. The distribution's jar carries none: they sit beside it in
 * {@code lib/native/<platform>/} ({@code linux-x64}, {@code linux-aarch64}), and {@link #useDistributionLibraries}
 * points ONNX Runtime's {@code onnxruntime.native.path} at the directory of this JVM's architecture ({@code
 * os.arch}, so an emulated aarch64 JVM on an x86-64 host gets the aarch64 one). Nothing is extracted to a temporary
 * directory at start. Outside a distribution (tests, the bench) ONNX Runtime extracts from its own jar as usual.
 */
public final class OnnxRuntimeNatives {
  /** ONNX Runtime's system property: a directory with {@code libonnxruntime.so} and its JNI library. */
  public static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";

  private OnnxRuntimeNatives() {}

  /** The platform directory name for a Linux JVM of {@code osArch}, or null for another architecture. */
  public static String platform(String osArch) {
    switch (osArch) {
      case "aarch64":
        return "linux-aarch64";
      case "amd64":
      case "x86_64":
        return "linux-x64";
      default:
        return null;
    }
  }

  /**
   * Sets {@value #NATIVE_PATH_PROPERTY} to {@code lib/native/<platform>} beside the jar this class was loaded from,
   * unless the property is set already or there is no such directory. Call before ONNX Runtime is first used.
   *
   * @return the directory ONNX Runtime will load from, if it is set
   */
  public static Optional<Path> useDistributionLibraries() {
    String set = System.getProperty(NATIVE_PATH_PROPERTY);
    if (set != null) {
      return Optional.of(Path.of(set));
    }
    Optional<Path> dir = distributionDirectory(codeLocation(), System.getProperty("os.arch"));
    dir.ifPresent(d -> System.setProperty(NATIVE_PATH_PROPERTY, d.toString()));
    return dir;
  }

  /** {@code lib/native/<platform>} beside {@code jar} when it holds {@code libonnxruntime.so}. */
  static Optional<Path> distributionDirectory(Path jar, String osArch) {
    String platform = platform(osArch);
    if (jar == null || platform == null || !Files.isRegularFile(jar) || jar.getParent() == null) {
      return Optional.empty();
    }
    Path dir = jar.getParent().resolve("native").resolve(platform);
    return Files.isRegularFile(dir.resolve(System.mapLibraryName("onnxruntime"))) ? Optional.of(dir.toAbsolutePath())
        : Optional.empty();
  }

  private static Path codeLocation() {
    CodeSource source = OnnxRuntimeNatives.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
