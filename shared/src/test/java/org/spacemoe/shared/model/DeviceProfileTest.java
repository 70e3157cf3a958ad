package org.spacemoe.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;

class DeviceProfileTest {
  private static final long GIB = 1024L * 1024 * 1024;

  @Test
  void presets() {
    assertSame(DeviceProfile.RAD5545, DeviceProfile.parse("rad5545"));
    assertSame(DeviceProfile.SBC_2A72, DeviceProfile.parse("SBC-2A72"));
    assertSame(DeviceProfile.IX10, DeviceProfile.parse(" ix10 "));
    // DESIGN.md: RAD5545 3.7 GFLOPS 4 GB, SBC-2A72 ~7 GFLOPS 8 GB, iX10 26 TOPS 24 GB
    assertEquals(3.7e9, DeviceProfile.RAD5545.flops());
    assertEquals(4 * GIB, DeviceProfile.RAD5545.memoryBytes());
    assertEquals(7e9, DeviceProfile.SBC_2A72.flops());
    assertEquals(8 * GIB, DeviceProfile.SBC_2A72.memoryBytes());
    assertEquals(26e12, DeviceProfile.IX10.flops());
    assertEquals(24 * GIB, DeviceProfile.IX10.memoryBytes());
  }

  @Test
  void theDefaultIsAPresetFoundByItsName() {
    assertSame(DeviceProfile.defaultProfile(), DeviceProfile.parse(DeviceProfile.DEFAULT_NAME));
    assertSame(DeviceProfile.SBC_2A72, DeviceProfile.defaultProfile());
  }

  @Test
  void custom() {
    DeviceProfile d = DeviceProfile.parse("custom:gflops=7.3,memory-gib=2.5");
    assertEquals("custom", d.name());
    assertEquals(7.3e9, d.flops(), 1e-3);
    assertEquals(5 * GIB / 2, d.memoryBytes()); // 2.5 GiB = 2,684,354,560 B
    assertEquals(8 * GIB, DeviceProfile.parse("custom:gflops=1").memoryBytes(), "memory defaults to 8 GiB");
  }

  @Test
  void computeTimeIsFlopsOverRate() {
    // one 2-of-8 expert, 2 x 3 x 4096 x 1376 = 33,816,576 FLOPs, at 7 GFLOPS: 4.83 ms
    assertEquals(2.0 * 3 * 4096 * 1376 / 7e9, DeviceProfile.SBC_2A72.computeS(ModelPresets.LLAMA_MOE_3_5B_2OF8.expertFlops()),
        1e-18);
    assertEquals(1.0, DeviceProfile.SBC_2A72.computeS(7e9), 0.0);
  }

  private static String message(String spec) {
    return assertThrows(InvalidInputException.class, () -> DeviceProfile.parse(spec)).getMessage();
  }

  @Test
  void badValuesNameTheProblem() {
    String m = message("jetson-orin");
    assertTrue(m.contains("--device") && m.contains("jetson-orin"), m);
    m = message("custom:memory-gib=8");
    assertTrue(m.contains("gflops"), m);
    m = message("custom:gflops=-1");
    assertTrue(m.contains("gflops") && m.contains("-1"), m);
    m = message("custom:gflops=0");
    assertTrue(m.contains("gflops"), m);
    m = message("custom:gflops=fast");
    assertTrue(m.contains("gflops") && m.contains("fast"), m);
    m = message("custom:gflops=7,memory-gib=0");
    assertTrue(m.contains("memory-gib"), m);
    m = message("custom:gflops=7,memory-gib=nan");
    assertTrue(m.contains("memory-gib"), m);
    m = message("custom:gflops=7,ram=8");
    assertTrue(m.contains("'ram'"), m);
    assertTrue(message("").contains("--device"));
  }

  @Test
  void constructorRejectsNonPositiveValues() {
    assertThrows(InvalidInputException.class, () -> new DeviceProfile("x", 0, 1));
    assertThrows(InvalidInputException.class, () -> new DeviceProfile("x", Double.POSITIVE_INFINITY, 1));
    String m = assertThrows(InvalidInputException.class, () -> new DeviceProfile("x", 1, 0)).getMessage();
    assertTrue(m.contains("memory"), m);
  }
}
