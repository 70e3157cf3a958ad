package org.spacemoe.ground.placement.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Strategies;
import org.spacemoe.ground.scenario.FleetSpecs;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.input.InvalidInputException;

/** Every strategy on a mixed fleet whose memory forces several experts per satellite. */
class MixedFleetStrategiesTest {
  /** 12 planes x 16: each of the 8 layers gets 2 slot rows x 12 planes; the ring gateways sit in plane 5. */
  static final String CONSTELLATION = TestScenarios.SMALL_CONSTELLATION;
  static final String MODEL = "custom:layers=8,experts=8,top-k=2,hidden=64,expert-width=64,vocab=100";
  /** Expert 49,152 B; gateway 329,728 B (+25,600 on the first and last layer). By default a satellite holds no
   * expert (40,000 B); plane 5 carries computers that hold a gateway and 3 experts, or 10 experts; plane 6 ones
   * that hold 2 experts. So each layer's 8 experts share at most 4 satellites. */
  static final String FLEET_FILE = """
      {"format": "spacemoe-fleet", "version": 1, "default": "custom:gflops=1,memory-gib=0.0000373",
       "planes": {"5": "custom:gflops=7,memory-gib=0.0005", "6": "custom:gflops=3.7,memory-gib=0.0001"}}
      """;

  @TempDir Path dir;

  Scenario scenario(String fleetJson) throws IOException {
    Path f = dir.resolve("fleet.json");
    Files.writeString(f, fleetJson);
    Scenario sc = TestScenarios.of(CONSTELLATION, MODEL, "zipf:1.0", 4, 0.95, 0.12, 3);
    return sc.withFleet(FleetSpecs.parse(f.toString(), sc.device(), sc.constellation()));
  }

  @Test
  void everyStrategyGivesAPlanThatFitsWithSeveralExpertsPerSatellite() throws IOException {
    Scenario sc = scenario(FLEET_FILE);
    for (String name : Strategies.names()) {
      if (name.startsWith("joint")) {
        // joint searches one expert per satellite on a uniform fleet: a clear one-line refusal here
        InvalidInputException e = assertThrows(InvalidInputException.class,
            () -> Strategies.byName(name).place(new PlanningContext(sc)), name);
        assertTrue(e.getMessage().contains("one expert per satellite"), name + ": " + e.getMessage());
        continue;
      }
      Placement p = Strategies.byName(name).place(new PlanningContext(sc)).placement();
      assertTrue(SatelliteMemory.of(sc, p).overfull().isEmpty(), name + ": " + SatelliteMemory.of(sc, p).overfull());
      Map<Integer, Integer> expertsOn = new HashMap<>();
      for (int l = 0; l < p.layers(); l++) {
        Set<Integer> layerHosts = new HashSet<>();
        for (int[] hosts : p.expertHosts()[l]) {
          assertEquals(1, hosts.length, name);
          expertsOn.merge(hosts[0], 1, Integer::sum);
          layerHosts.add(hosts[0]);
        }
        // ring strategies: 8 experts on the at most 4 satellites of a subnet with room (rand-place draws from
        // the 32 with room in the whole constellation, so it stacks only across layers)
        assertTrue(name.equals("rand-place") || layerHosts.size() <= 4, name + " layer " + l + " uses " + layerHosts.size() + " hosts");
      }
      int most = expertsOn.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      assertTrue(most >= 2, name + ": at most " + most + " experts on a satellite");
      // no expert on a satellite without room for one; at most 2 on the plane-6 computers
      for (Map.Entry<Integer, Integer> e : expertsOn.entrySet()) {
        long mem = sc.fleet().device(e.getKey()).memoryBytes();
        assertTrue(mem > 49_152, name + ": an expert on a satellite of " + mem + " bytes");
        if (mem < 200_000) {
          assertTrue(e.getValue() <= 2, name + ": " + e.getValue() + " experts on a plane-6 satellite");
        }
      }
    }
  }

  @Test
  void aFleetTooSmallForTheModelIsRefusedByEveryStrategyWithTheReason() throws IOException {
    // plane 5 only: 16 satellites with room for 8 gateways and 8 x 3 + 8 x 10 = 104 experts, the model has 64,
    // but the ring subnets hold only 2 of them each (a gateway and 13 experts: fits); so shrink plane 5 to 2
    // experts and no gateway room
    Scenario sc = scenario(FLEET_FILE.replace("memory-gib=0.0005", "memory-gib=0.0001"));
    for (String name : Strategies.names()) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> Strategies.byName(name).place(new PlanningContext(sc)), name);
      assertTrue(e.getMessage().contains("memory"), name + ": " + e.getMessage());
      assertTrue(e.getMessage().split("\n").length == 1, e.getMessage());
    }
  }
}
