package org.spacemoe.ground.placement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.ground.scenario.Fleet;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.DeviceProfile;

class RingSubnetPartitionerTest {

  /** Every satellite index appears in exactly one subnet. */
  private static void assertPartition(Constellation c, List<Subnet> subnets) {
    int[] seen = new int[c.size()];
    for (Subnet s : subnets) {
      for (int m : s.members()) {
        seen[m]++;
      }
    }
    for (int i = 0; i < seen.length; i++) {
      assertEquals(1, seen[i], "satellite " + c.satellites().get(i).name() + " is in " + seen[i] + " subnets");
    }
  }

  @Test
  void paperConstellationWith32LayersGivesOneSlotRowPerLayerCentredInPlane16() {
    Constellation c = ConstellationSpecs.parse("paper");
    List<Subnet> subnets = RingSubnetPartitioner.partition(c, 32);
    assertEquals(32, subnets.size());
    for (int l = 0; l < 32; l++) {
      Subnet s = subnets.get(l);
      assertEquals(l, s.layer());
      // L = S = 32: layer l takes slots [floor(l*32/32), floor((l+1)*32/32)) = {l} of each of the 33 planes,
      // sorted by plane.
      final int row = l;
      int[] expected = IntStream.range(0, 33).map(p -> c.indexOf(p, row)).toArray();
      assertArrayEquals(expected, s.members(), "layer " + l);
      // centre: median of the 33 planes 0..32 is plane 16, the only member there is slot l
      assertEquals(c.indexOf(16, l), s.centre(), "layer " + l + " centre");
    }
    assertPartition(c, subnets);
  }

  @Test
  void fewerLayersThanSlotsGiveConsecutiveArcsOfEveryPlane() {
    Constellation c = ConstellationSpecs.parse("paper");
    List<Subnet> subnets = RingSubnetPartitioner.partition(c, 8);
    assertEquals(8, subnets.size());
    for (int l = 0; l < 8; l++) {
      Subnet s = subnets.get(l);
      // 32 slots / 8 layers: layer l owns slots 4l .. 4l+3 of all 33 planes = 132 satellites
      assertEquals(33 * 4, s.members().length);
      for (int m : s.members()) {
        Satellite sat = c.satellites().get(m);
        assertTrue(sat.slotInPlane() / 4 == l, sat.name() + " in layer " + l);
      }
      // centre: plane 16 (median of 0..32), then the median of its 4 slots 4l..4l+3: index (4-1)/2 = 1 -> 4l+1
      assertEquals(c.indexOf(16, 4 * l + 1), s.centre());
    }
    assertPartition(c, subnets);
  }

  @Test
  void moreLayersThanSlotsSplitRowsIntoBandsOfPlanes() {
    Constellation c = ConstellationSpecs.parse("walker-star:planes=24,sats=24");
    List<Subnet> subnets = RingSubnetPartitioner.partition(c, 32);
    assertEquals(32, subnets.size());
    assertPartition(c, subnets);
    int[] rowOf = new int[32];
    int[] minPlane = new int[32];
    int[] maxPlane = new int[32];
    for (int l = 0; l < 32; l++) {
      Subnet s = subnets.get(l);
      assertTrue(s.members().length > 0, "layer " + l + " is empty");
      int[] rows = Arrays.stream(s.members()).map(m -> c.satellites().get(m).slotInPlane()).distinct().toArray();
      assertEquals(1, rows.length, "layer " + l + " spans rows " + Arrays.toString(rows));
      rowOf[l] = rows[0];
      // layer l sits in row r iff ceil(rL/S) <= l < ceil((r+1)L/S) iff r = floor(l S / L) = floor(3l/4)
      assertEquals(3 * l / 4, rowOf[l], "row of layer " + l);
      int[] planes = Arrays.stream(s.members()).map(m -> c.satellites().get(m).plane()).sorted().toArray();
      minPlane[l] = planes[0];
      maxPlane[l] = planes[planes.length - 1];
      assertEquals(planes.length, maxPlane[l] - minPlane[l] + 1, "layer " + l + " planes are not contiguous");
      // rows holding two layers (3l/4 shared by l and l+1 or l-1) split 24 planes 12/12, the others take all 24
      boolean shared = (l > 0 && 3 * (l - 1) / 4 == rowOf[l]) || (l < 31 && 3 * (l + 1) / 4 == rowOf[l]);
      assertEquals(shared ? 12 : 24, s.members().length, "size of layer " + l);
    }
    for (int l = 0; l < 32; l++) {
      int n = (l + 1) % 32;
      if (rowOf[n] == rowOf[l]) {
        // same row: the next band of planes starts right after this one
        assertEquals(maxPlane[l] + 1, minPlane[n], "layers " + l + " and " + n + " in row " + rowOf[l]);
      } else {
        // next row in the orbiting direction (the last row wraps to row 0)
        assertEquals((rowOf[l] + 1) % 24, rowOf[n], "layer " + n + " does not follow layer " + l);
      }
    }
  }

  @Test
  void planningContextRefusesSubnetsWithoutMemoryForAGatewayAndEveryExpert() {
    // 4 planes x 8 sats, 8 layers: one slot row of 4 satellites per layer; 8 experts of 49,152 bytes (fp32,
    // 3 x 64 x 64) on satellites of 100,000 bytes: 2 per satellite, and none on the gateway (it needs 329,728)
    var sc = TestScenarios.of("walker-star:planes=4,sats=8,phasing=1",
        "custom:layers=8,experts=8,top-k=2,hidden=64,expert-width=64,vocab=100", "uniform", 4, 1.0, 0.12, 1)
        .withFleet(Fleet.uniform(new DeviceProfile("tiny", 7e9, 100_000)));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new PlanningContext(sc).ringSubnets());
    assertEquals("--constellation", e.input());
    assertTrue(e.getMessage().contains("4 satellites with room for 6 of its 8 experts"), e.getMessage());
  }

  @Test
  void aSubnetSmallerThanItsExpertsIsAcceptedWhenMemoryHoldsSeveralPerSatellite() {
    // the same 4-satellite subnets on 8 GiB devices: several experts per satellite
    var sc = TestScenarios.of("walker-star:planes=4,sats=8,phasing=1",
        "custom:layers=8,experts=8,top-k=2,hidden=64,expert-width=64,vocab=100", "uniform", 4, 1.0, 0.12, 1);
    assertEquals(8, new PlanningContext(sc).ringSubnets().size());
  }

  @Test
  void aSubnetExactlyLargeEnoughIsAccepted() {
    // 9 planes x 8 sats, 8 layers: one row of 9 satellites per layer = gateway + 8 experts
    var sc = TestScenarios.of("walker-star:planes=9,sats=8,phasing=1",
        "custom:layers=8,experts=8,top-k=2,hidden=64,expert-width=64,vocab=100", "uniform", 4, 1.0, 0.12, 1);
    List<Subnet> subnets = new PlanningContext(sc).ringSubnets();
    assertEquals(8, subnets.size());
    subnets.forEach(s -> assertEquals(9, s.members().length));
  }

  @Test
  void tooManyLayersForTheSatellitesIsRefusedNamingTheConstellation() {
    Constellation c = ConstellationSpecs.parse("walker-star:planes=2,sats=4,phasing=1");
    // 8 satellites cannot host 9 layers with one layer per satellite
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> RingSubnetPartitioner.partition(c, 9));
    assertEquals("--constellation", e.input());
    assertFalse(e.getMessage().isBlank());
  }
}
