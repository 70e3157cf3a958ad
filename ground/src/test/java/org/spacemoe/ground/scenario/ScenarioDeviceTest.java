package org.spacemoe.ground.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.shared.model.DeviceProfile;

/** {@link Scenario#withDevice}: every satellite on the new computer, the per-hop software time kept. */
class ScenarioDeviceTest {
  @Test
  void everySatelliteRunsOnTheNewDeviceWithTheSameHopOverhead() {
    Scenario base = TestScenarios.small().withHopOverheadS(0.0007);
    Scenario ix10 = base.withDevice(DeviceProfile.IX10);
    assertEquals("ix10", ix10.device().name());
    assertTrue(ix10.fleet().isUniform());
    for (int sat = 0; sat < base.constellation().size(); sat++) {
      assertEquals(base.gatewayComputeS(sat) * DeviceProfile.SBC_2A72.flops() / DeviceProfile.IX10.flops(),
          ix10.gatewayComputeS(sat), 1e-15);
      assertEquals(0.0007, ix10.hopOverheadS(sat), 0);
    }
    assertEquals(base.model(), ix10.model());
    assertEquals(base.constellation(), ix10.constellation());
  }
}
