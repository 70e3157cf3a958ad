package org.spacemoe.ground.placement;

import java.util.List;
import java.util.SplittableRandom;
import org.spacemoe.ground.placement.capacity.SatelliteMemory;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.routing.NetworkRealisations;

/** A scenario plus what strategies share: its network and its ring subnets (computed once). */
public final class PlanningContext {
  private final Scenario scenario;
  private final NetworkRealisations network;
  private List<Subnet> ringSubnets;

  public PlanningContext(Scenario scenario, NetworkRealisations network) {
    this.scenario = scenario;
    this.network = network;
  }

  public PlanningContext(Scenario scenario) {
    this(scenario, scenario.network());
  }

  public Scenario scenario() {
    return scenario;
  }

  public NetworkRealisations network() {
    return network;
  }

  /** Ring subnets, each with memory for its gateway and all its experts (several per satellite if need be). */
  public synchronized List<Subnet> ringSubnets() {
    if (ringSubnets == null) {
      List<Subnet> subnets = RingSubnetPartitioner.partition(scenario.constellation(), scenario.model().layers());
      int experts = scenario.model().experts();
      SatelliteMemory memory = new SatelliteMemory(scenario);
      for (Subnet s : subnets) {
        memory.addGateway(s.centre(), s.layer());
        long room = 0;
        for (int m : s.members()) {
          room += memory.expertsThatFit(m);
        }
        if (room < experts) {
          throw new InvalidInputException("--constellation", "gives layer " + s.layer() + " a subnet of "
              + s.members().length + " satellites with room for " + room + " of its " + experts
              + " experts (device memory, " + memory.shardBytes().expert() + " bytes per expert, gateway on one of"
              + " them); use a larger constellation, devices with more memory, or fewer layers");
        }
      }
      ringSubnets = subnets;
    }
    return ringSubnets;
  }

  /** Random source for one strategy, derived from the scenario seed and the strategy name. */
  public SplittableRandom random(String purpose) {
    return new SplittableRandom(scenario.seed() * 31 + purpose.hashCode());
  }
}
