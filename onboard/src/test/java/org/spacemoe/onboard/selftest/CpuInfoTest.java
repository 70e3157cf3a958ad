package org.spacemoe.onboard.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuInfoTest {
  /** The head of a Raspberry Pi 4's /proc/cpuinfo (Raspberry Pi OS, 64-bit) and its last line. */
  private static final List<String> PI4 = List.of(
      "processor\t: 0",
      "BogoMIPS\t: 108.00",
      "Features\t: fp asimd evtstrm crc32 cpuid",
      "CPU implementer\t: 0x41",
      "CPU architecture: 8",
      "CPU variant\t: 0x0",
      "CPU part\t: 0xd08",
      "CPU revision\t: 3",
      "",
      "processor\t: 1",
      "Features\t: fp asimd evtstrm crc32 cpuid",
      "CPU part\t: 0xd08",
      "",
      "Revision\t: c03114",
      "Model\t\t: Raspberry Pi 4 Model B Rev 1.4");

  private static final List<String> X86 = List.of(
      "processor\t: 0",
      "vendor_id\t: GenuineIntel",
      "cpu family\t: 6",
      "model\t\t: 85",
      "model name\t: Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz",
      "flags\t\t: fpu vme de pse avx2");

  @Test
  void aPiNamesItsBoardAndCore() {
    CpuInfo c = CpuInfo.parse(PI4, "aarch64");
    assertEquals("Raspberry Pi 4 Model B Rev 1.4 (Cortex-A72)", c.model());
    assertEquals("fp asimd evtstrm crc32 cpuid", c.features());
    assertFalse(c.hostFile());
  }

  @Test
  void aJetsonOrinCoreWithoutBoardModelIsNamedByItsPart() {
    CpuInfo c = CpuInfo.parse(List.of("Features\t: fp asimd", "CPU implementer\t: 0x41", "CPU part\t: 0xd42"),
        "aarch64");
    assertEquals("Cortex-A78AE", c.model());
  }

  @Test
  void x86UsesModelNameNotTheNumericModel() {
    CpuInfo c = CpuInfo.parse(X86, "amd64");
    assertEquals("Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz", c.model());
    assertEquals("fpu vme de pse avx2", c.features());
    assertFalse(c.hostFile());
  }

  @Test
  void anX86FileSeenFromAnAarch64JvmIsTheHostsUnderEmulation() {
    assertTrue(CpuInfo.parse(X86, "aarch64").hostFile());
    assertTrue(CpuInfo.parse(PI4, "amd64").hostFile());
  }

  @Test
  void hwcapBitsAreNamedAsTheKernelNamesThem() {
    // a Cortex-A72: fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid = bits 0-7 and 11
    long a72 = 0xffL | (1L << 11);
    assertEquals("fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid", Hwcap.names(a72));
    ByteBuffer auxv = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
    auxv.putLong(6).putLong(4096); // AT_PAGESZ
    auxv.putLong(Hwcap.AT_HWCAP).putLong(a72 | (1L << 20)); // + asimddp
    auxv.putLong(0).putLong(0); // AT_NULL
    assertEquals(a72 | (1L << 20), Hwcap.find(auxv.array(), Hwcap.AT_HWCAP));
    assertNull(Hwcap.find(auxv.array(), 26));
    assertNull(Hwcap.aarch64Features("amd64"));
  }
}
