package org.spacemoe.ground.placement;

import java.util.List;
import java.util.SplittableRandom;
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

  /** Ring subnets, each large enough for a gateway and one satellite per expert. */
  public synchronized List<Subnet> ringSubnets() {
    if (ringSubnets == null) {
      List<Subnet> subnets = RingSubnetPartitioner.partition(scenario.constellation(), scenario.model().layers());
      int need = scenario.model().experts() + 1;
      for (Subnet s : subnets) {
        if (s.members().length < need) {
          throw new InvalidInputException("--constellation", "gives layer " + s.layer() + " a subnet of "
              + s.members().length + " satellites, but a gateway and " + scenario.model().experts()
              + " experts need " + need + " (one expert per satellite); use a larger constellation or fewer layers");
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
