package org.spacemoe.onboard.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRuntimeNativesTest {
  @Test
  void platformFollowsTheJvmArchitecture() {
    assertEquals("linux-x64", OnnxRuntimeNatives.platform("amd64"));
    assertEquals("linux-x64", OnnxRuntimeNatives.platform("x86_64"));
    assertEquals("linux-aarch64", OnnxRuntimeNatives.platform("aarch64"));
    assertNull(OnnxRuntimeNatives.platform("riscv64"));
  }

  @Test
  void theDirectoryBesideTheJarOfThisArchitectureIsChosen(@TempDir Path home) throws Exception {
    Path lib = Files.createDirectories(home.resolve("lib"));
    Path jar = Files.writeString(lib.resolve("spacemoe-onboard.jar"), "jar");
    for (String p : new String[] {"linux-x64", "linux-aarch64"}) {
      Files.writeString(Files.createDirectories(lib.resolve("native").resolve(p)).resolve("libonnxruntime.so"), p);
    }
    assertEquals(Optional.of(lib.resolve("native/linux-aarch64").toAbsolutePath()),
        OnnxRuntimeNatives.distributionDirectory(jar, "aarch64"));
    assertEquals(Optional.of(lib.resolve("native/linux-x64").toAbsolutePath()),
        OnnxRuntimeNatives.distributionDirectory(jar, "amd64"));
    assertTrue(OnnxRuntimeNatives.distributionDirectory(jar, "riscv64").isEmpty());
  }

  @Test
  void withoutTheLibraryOrOutsideAJarOnnxRuntimeKeepsItsOwnLookup(@TempDir Path home) throws Exception {
    Path lib = Files.createDirectories(home.resolve("lib"));
    Path jar = Files.writeString(lib.resolve("spacemoe-onboard.jar"), "jar");
    Files.createDirectories(lib.resolve("native/linux-x64"));
    assertTrue(OnnxRuntimeNatives.distributionDirectory(jar, "amd64").isEmpty(), "no libonnxruntime.so there");
    assertTrue(OnnxRuntimeNatives.distributionDirectory(lib, "amd64").isEmpty(), "a classes directory, not a jar");
    assertTrue(OnnxRuntimeNatives.distributionDirectory(null, "amd64").isEmpty());
  }
}
