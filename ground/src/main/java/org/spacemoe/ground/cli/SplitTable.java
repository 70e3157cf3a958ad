package org.spacemoe.ground.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import org.spacemoe.ground.layout.GatewaySplit;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.joint.JointResult;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.Satellite;

/** The prediction {@code plan --tensor-parallel-width} prints for a placement with split gateways. */
final class SplitTable {
  private SplitTable() {}

  static void print(PrintWriter o, Scenario sc, Placement p, JointResult joint) {
    List<Satellite> sats = sc.constellation().satellites();
    GatewaySplit split = p.split();
    o.printf("%s with tensor-parallel gateways (predicted) for %s, %s, %s%n", p.strategy(),
        sc.constellation().id(), sc.model().name(), sc.device().name());
    o.printf("%-5s %-10s %-5s %s%n", "layer", "gateway", "width", "attention parts");
    for (int l = 0; l < p.layers(); l++) {
      o.printf("%-5d %-10s %-5d %s%n", l, sats.get(p.gateways()[l]).name(), split.attentionWidth(l),
          names(sats, split.attentionParts()[l]));
    }
    o.printf("LM head: width %d, parts %s%n", split.headWidth(), names(sats, split.headParts()));
    if (joint != null) {
      o.printf("expected token latency (joint objective, predicted): spacemoe start %.4f s, %s with splits %.4f s"
          + " (%.1f%% lower)%n", joint.startObjectiveS(), p.strategy(), joint.objectiveS(), joint.improvementPercent());
    }
  }

  private static List<String> names(List<Satellite> sats, int[] parts) {
    return Arrays.stream(parts).mapToObj(i -> sats.get(i).name()).toList();
  }
}
