package org.spacemoe.onboard.selftest;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spacemoe.onboard.natives.OnnxRuntimeNatives;

/**
 * Which ONNX Runtime native libraries this process actually loaded: the {@code libonnxruntime} files in
 * {@code /proc/self/maps}, each with its ELF machine and the bundled library whose bytes it has: in a distribution
 * a file of {@code lib/native/<platform>/} (loaded from there, see {@link OnnxRuntimeNatives}), elsewhere a resource
 * of ONNX Runtime's jar ({@code ai/onnxruntime/native/<platform>/}, which ONNX Runtime extracts into a temporary
 * directory and loads from there). Call after ONNX Runtime is initialised.
 */
public final class NativeLibraryProbe {
  private static final String[] PLATFORMS = {"linux-aarch64", "linux-x64"};
  private static final Map<Integer, String> MACHINES = Map.of(0x3e, "x86-64", 0xb7, "aarch64", 0x28, "arm",
      0xf3, "riscv", 0x03, "x86");

  private NativeLibraryProbe() {}

  /** The ONNX Runtime version of the loaded native library. */
  public static String ortVersion() {
    return OrtEnvironment.getEnvironment().getVersion();
  }

  /** The libraries, in map order; empty where there is no {@code /proc/self/maps}. */
  public static List<NativeLibrary> loaded() {
    OrtEnvironment.getEnvironment();
    List<String> maps;
    try {
      maps = Files.readAllLines(Path.of("/proc/self/maps"));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    Set<String> paths = new LinkedHashSet<>();
    for (String line : maps) {
      int slash = line.indexOf('/');
      if (slash >= 0 && line.contains("libonnxruntime")) {
        paths.add(line.substring(slash).replace(" (deleted)", "").trim());
      }
    }
    List<NativeLibrary> out = new ArrayList<>();
    for (String p : paths) {
      out.add(describe(Path.of(p)));
    }
    return out;
  }

  static NativeLibrary describe(Path file) {
    String machine = null;
    String sha = null;
    try {
      byte[] head = new byte[20];
      try (InputStream in = Files.newInputStream(file)) {
        if (in.readNBytes(head, 0, 20) == 20 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L'
            && head[3] == 'F') {
          ByteOrder order = head[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
          int m = ByteBuffer.wrap(head, 18, 2).order(order).getShort() & 0xffff;
          machine = MACHINES.getOrDefault(m, String.format("ELF machine 0x%x", m));
        }
      }
      try (InputStream in = Files.newInputStream(file)) {
        sha = sha256(in);
      }
    } catch (IOException e) {
      return new NativeLibrary(file.toString(), machine, null, sha);
    }
    String resource = null;
    String name = file.getFileName().toString();
    String nativePath = System.getProperty(OnnxRuntimeNatives.NATIVE_PATH_PROPERTY);
    Path nativeRoot = nativePath == null ? null : Path.of(nativePath).getParent();
    for (String platform : PLATFORMS) {
      if (nativeRoot == null) {
        break;
      }
      Path candidate = nativeRoot.resolve(platform).resolve(name);
      try (InputStream in = Files.newInputStream(candidate)) {
        if (sha256(in).equals(sha)) {
          resource = "lib/native/" + platform + "/" + name;
          break;
        }
      } catch (IOException e) {
        // not this one
      }
    }
    for (String platform : PLATFORMS) {
      if (resource != null) {
        break;
      }
      String r = "ai/onnxruntime/native/" + platform + "/" + name;
      try (InputStream in = NativeLibraryProbe.class.getClassLoader().getResourceAsStream(r)) {
        if (in != null && sha256(in).equals(sha)) {
          resource = "jar " + r;
          break;
        }
      } catch (IOException e) {
        // not this one
      }
    }
    return new NativeLibrary(file.toString(), machine, resource, sha);
  }

  private static String sha256(InputStream in) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
    try (DigestInputStream d = new DigestInputStream(in, md)) {
      d.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
