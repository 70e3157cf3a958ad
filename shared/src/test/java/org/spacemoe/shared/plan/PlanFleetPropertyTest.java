package org.spacemoe.shared.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any fleet written into a plan reads back equal, and re-writes to the same bytes. */
class PlanFleetPropertyTest {
  @Provide
  Arbitrary<PlanInputs.FleetSpec> fleets() {
    Arbitrary<PlanInputs.DeviceSpec> device = Combinators.combine(
        Arbitraries.strings().alpha().numeric().withChars('-', ':', ',', '=', '"', '\\').ofMinLength(1).ofMaxLength(30),
        Arbitraries.doubles().between(1e6, 1e15),
        Arbitraries.longs().between(1, 1L << 40)).as(PlanInputs.DeviceSpec::new);
    return device.list().ofMinSize(1).ofMaxSize(5).flatMap(devices -> Combinators.combine(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.integers().between(0, devices.size() - 1).list().ofMinSize(1).ofMaxSize(300))
        .as((spec, of) -> new PlanInputs.FleetSpec(spec, devices, of)));
  }

  @Property(tries = 200)
  void fleetRoundTrips(@ForAll("fleets") PlanInputs.FleetSpec fleet) {
    byte[] bytes = PlanJson.toBytes(PlanFleetJsonTest.withFleet(fleet));
    PlacementPlan back = PlanJson.parse("property", bytes);
    assertEquals(fleet, back.inputs().fleet());
    assertArrayEquals(bytes, PlanJson.toBytes(back));
    assertEquals(List.copyOf(fleet.deviceOfSatellite()), back.inputs().fleet().deviceOfSatellite());
  }
}
