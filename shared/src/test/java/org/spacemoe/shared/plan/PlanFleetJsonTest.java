package org.spacemoe.shared.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional mixed-fleet part of a plan's inputs: absent in older plans, and read back exactly. */
class PlanFleetJsonTest {
  static PlacementPlan withFleet(PlanInputs.FleetSpec fleet) {
    PlanInputs in = PlanJsonTest.plan(Map.of()).inputs();
    PlanInputs inputs = new PlanInputs(in.constellationSpec(), in.model(), in.device(), in.codec(), in.contextTokens(),
        in.islRateBitsPerS(), in.trackingLimitRadPerS(), in.linkSurvival(), in.slots(), in.seed(), in.statsSource(),
        in.expertShares(), fleet);
    PlacementPlan p = PlanJsonTest.plan(Map.of());
    return new PlacementPlan(p.schemaVersion(), p.planVersion(), p.strategy(), p.constellationId(), p.layers(),
        p.shardDigests(), inputs);
  }

  @Test
  void aPlanWithoutAFleetHasNoFleetFieldSoOlderPlansAreUnchanged() {
    String json = new String(PlanJson.toBytes(PlanJsonTest.plan(Map.of())), StandardCharsets.UTF_8);
    assertFalse(json.contains("fleet"), json);
    assertNull(PlanJson.parse("old", json.getBytes(StandardCharsets.UTF_8)).inputs().fleet());
  }

  @Test
  void fleetGolden() {
    // 2 x 2 constellation: planes 0 and 1 alternate between two devices (per-plane:sbc-2a72/rad5545)
    PlanInputs.FleetSpec fleet = new PlanInputs.FleetSpec("per-plane:sbc-2a72/rad5545",
        List.of(new PlanInputs.DeviceSpec("sbc-2a72", 7e9, 8L << 30), new PlanInputs.DeviceSpec("rad5545", 3.7e9, 4L << 30)),
        List.of(0, 0, 1, 1));
    String json = new String(PlanJson.toBytes(withFleet(fleet)), StandardCharsets.UTF_8);
    String golden = String.join("\n",
        "    \"fleet\" : {",                               // inputs.fleet, after expertShares
        "      \"spec\" : \"per-plane:sbc-2a72/rad5545\",", // as given on the command line
        "      \"devices\" : [ {",                           // the distinct devices, referenced by index
        "        \"name\" : \"sbc-2a72\",",
        "        \"flops\" : 7.0E9,",                        // FLOP/s
        "        \"memoryBytes\" : 8589934592",              // 8 GiB
        "      }, {",
        "        \"name\" : \"rad5545\",",
        "        \"flops\" : 3.7E9,",
        "        \"memoryBytes\" : 4294967296",              // 4 GiB
        "      } ],",
        "      \"deviceOfSatellite\" : [ 0, 0, 1, 1 ]",      // per satellite in constellation index order
        "    }");
    assertTrue(json.contains(golden), json);
    PlacementPlan back = PlanJson.parse("golden", json.getBytes(StandardCharsets.UTF_8));
    assertEquals(fleet, back.inputs().fleet());
    assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), PlanJson.toBytes(back));
  }
}
