package org.spacemoe.onboard.selftest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The aarch64 CPU features the kernel (or qemu's user-mode emulation, which emulates the file) gives this process:
 * the bits of {@code AT_HWCAP} in {@code /proc/self/auxv}, named as the kernel's {@code /proc/cpuinfo} names them.
 * A Cortex-A72 (Pi 4, ARMv8.0) shows {@code fp asimd aes pmull sha1 sha2 crc32 cpuid}; a Cortex-A76 (Pi 5,
 * ARMv8.2) adds {@code atomics fphp asimdhp asimdrdm lrcpc dcpop asimddp} among others.
 */
final class Hwcap {
  /** {@code AT_HWCAP} in the auxiliary vector. */
  static final long AT_HWCAP = 16;
  /** Bit i of {@code AT_HWCAP} on arm64 (Linux {@code arch/arm64/include/uapi/asm/hwcap.h}). */
  static final String[] AARCH64 = {"fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32", "atomics",
      "fphp", "asimdhp", "cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc", "dcpop", "sha3", "sm3", "sm4", "asimddp",
      "sha512", "sve", "asimdfhm", "dit", "uscat", "ilrcpc", "flagm", "ssbs", "sb", "paca", "pacg"};

  private Hwcap() {}

  /** This process's aarch64 features, or null when not on aarch64 or {@code /proc/self/auxv} is unreadable. */
  static String aarch64Features(String osArch) {
    if (!osArch.equals("aarch64")) {
      return null;
    }
    try {
      Long bits = find(Files.readAllBytes(Path.of("/proc/self/auxv")), AT_HWCAP);
      return bits == null ? null : names(bits);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The value of {@code type} in a 64-bit little-endian auxiliary vector, or null. */
  static Long find(byte[] auxv, long type) {
    ByteBuffer b = ByteBuffer.wrap(auxv).order(ByteOrder.LITTLE_ENDIAN);
    while (b.remaining() >= 16) {
      long t = b.getLong();
      long v = b.getLong();
      if (t == 0) {
        return null;
      }
      if (t == type) {
        return v;
      }
    }
    return null;
  }

  /** The names of the set bits, space separated. */
  static String names(long bits) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < AARCH64.length; i++) {
      if ((bits & (1L << i)) != 0) {
        out.add(AARCH64[i]);
      }
    }
    return String.join(" ", out);
  }
}
