package org.spacemoe.ground.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spacemoe.ground.placement.GatewayStandbys;
import org.spacemoe.ground.placement.LayerObjective;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.replicas.ReplicaPlanner;
import org.spacemoe.ground.placement.PlacementResult;
import org.spacemoe.ground.placement.PlacementStrategy;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.RingLinearPlacement;
import org.spacemoe.ground.placement.Strategies;
import org.spacemoe.ground.placement.joint.JointPlacement;
import org.spacemoe.ground.placement.joint.JointReplicas;
import org.spacemoe.ground.placement.joint.JointResult;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plan}: computes a placement plan. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Computes where every layer and expert runs and writes a placement plan (JSON).",
        "Strategies: spacemoe (paper), optimal-linear (Hungarian), rand-place, rand-intra, rand-intra-cg,",
        "joint (spacemoe improved on the evaluator's own objective, docs/latency-model.md#joint-placement), joint-own (joint,",
        "every layer combined at its own gateway).",
        "spacemoe and optimal-linear plans report whether the sorted rule and the optimal assignment agree on every layer.",
        "Every strategy respects each satellite's device memory (--device, --fleet); a plan that cannot fit is refused.",
        "--replica-budget adds extra expert copies; the evaluator and the onboard gateways send to the nearest live copy.",
        "With joint and joint-own the copies are spent on joint's own objective (expected token latency, nearest copy per slot).",
        "--gateway-standby gives every layer a standby gateway in its subnet that takes the layer over when the gateway fails."})
final class PlanCommand implements Callable<Integer> {
  @Mixin ScenarioOptions scenario;

  @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "spacemoe",
      description = "spacemoe | optimal-linear | rand-place | rand-intra | rand-intra-cg | joint | joint-own (default: ${DEFAULT-VALUE})")
  String strategy;

  @Option(names = "--replica-budget", paramLabel = "FRACTION", defaultValue = "0",
      description = "extra expert copies as a fraction of layers x experts (0.25 = 25%% more copies), spent where they cut expected latency or failure impact most;"
          + " with joint and joint-own, where they cut joint's expected token latency most, on satellites with no role or on the layer's gateway (default: ${DEFAULT-VALUE})")
  double replicaBudget;

  @Option(names = "--design-failure", paramLabel = "P", defaultValue = "0.01",
      description = "satellite failure probability per slot the replicas are spent for; not used by joint and joint-own, whose copies are spent for latency (default: ${DEFAULT-VALUE})")
  double designFailure;

  @Option(names = "--gateway-standby",
      description = "give every layer a standby gateway: the other member of its subnet with the lowest expected latency as the layer's gateway"
          + " that has the memory for the gateway shards (it may also host experts); it loads the gateway shards and takes the layer over,"
          + " replaying the KV cache, when the gateway's computer is down. Refused (exit 2) when a subnet has no such member (default: off)")
  boolean gatewayStandby;

  @Option(names = "--tensor-parallel-width", paramLabel = "K",
      description = "joint and joint-own only: split each layer's attention heads (and the LM head's vocabulary) over up"
          + " to K satellites of its subnet where the evaluator's expected latency says it pays (1..4; 1 = never;"
          + " default: 4). Prints the predicted split per layer and writes the parts into the plan"
          + " (attentionParts, headParts); the model must then be exported with"
          + " 'export-model --tensor-parallel-widths' covering the widths used")
  Integer tensorParallelWidth;

  @Option(names = "--plan-version", paramLabel = "V", defaultValue = "1", description = "plan version to stamp (default: ${DEFAULT-VALUE})")
  long planVersion;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "where to write the plan JSON")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (planVersion < 1) {
      throw new InvalidInputException("--plan-version", "must be >= 1, got " + planVersion);
    }
    PlacementStrategy s = Strategies.byName(strategy);
    Scenario sc = scenario.toScenario();
    PrintWriter o = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    PlanningContext ctx = new PlanningContext(sc);
    if (tensorParallelWidth != null && !(s instanceof JointPlacement)) {
      throw new InvalidInputException("--tensor-parallel-width", "only joint and joint-own split gateways, not "
          + s.name());
    }
    JointResult joint = s instanceof JointPlacement jp
        ? (tensorParallelWidth == null ? jp : jp.withMaxSplitWidth(tensorParallelWidth)).optimise(ctx) : null;
    PlacementResult result = joint != null ? joint.result() : s.place(ctx);
    Placement placement = result.placement();
    if (placement.split().any()) {
      SplitTable.print(o, sc, placement, joint);
    }
    ReplicaPlanner.Result replicas = null;
    JointReplicas.Result jointReplicas = null;
    if (replicaBudget > 0 && joint != null) {
      jointReplicas = JointReplicas.add(ctx, placement, replicaBudget, s.name() + "+replicas");
      placement = jointReplicas.placement();
    } else if (replicaBudget > 0) {
      replicas = ReplicaPlanner.add(ctx, placement, replicaBudget, designFailure, s.name() + "+replicas");
      placement = replicas.placement().withSplit(placement.split());
    }
    if (gatewayStandby) {
      placement = GatewayStandbys.assign(ctx, placement);
    }
    PlacementPlan plan = placement.toPlan(sc, planVersion);
    PlanJson.write(plan, out);
    o.printf("%s plan for %s (%d satellites), %s, %s: %d layers x %d experts, computed in %.2f s%n", s.name(),
        sc.constellation().id(), sc.constellation().size(), sc.model().name(), sc.device().name(),
        sc.model().layers(), sc.model().experts(), (System.nanoTime() - t0) / 1e9);
    if (!sc.fleet().isUniform()) {
      o.printf("fleet %s: %s satellites per device%n", sc.fleet().spec(), sc.fleet().describe().get("satellitesPerDevice"));
    }
    if (gatewayStandby) {
      o.printf("%-5s %-10s %-10s %-8s %s%n", "layer", "gateway", "standby", "combine", "experts (0..E-1)");
      for (LayerPlacement lp : plan.layers()) {
        o.printf("%-5d %-10s %-10s %-8s %s%n", lp.layer(), lp.gateway(), lp.standby(), lp.combinePoint().wireName(),
            lp.experts());
      }
    } else {
      o.printf("%-5s %-10s %-8s %s%n", "layer", "gateway", "combine", "experts (0..E-1)");
      for (LayerPlacement lp : plan.layers()) {
        o.printf("%-5d %-10s %-8s %s%n", lp.layer(), lp.gateway(), lp.combinePoint().wireName(), lp.experts());
      }
    }
    if (joint != null) {
      o.printf("expected token latency (joint objective): spacemoe start %.4f s, %s %.4f s (%.1f%% lower); "
          + "%d layers combined at the next gateway, %d gateways moved from the centre%n", joint.startObjectiveS(),
          s.name(), joint.objectiveS(), joint.improvementPercent(), joint.layersCombinedAtNext(), joint.gatewaysMoved());
    }
    if (!result.objectives().isEmpty()) {
      double sorted = result.objectives().stream().mapToDouble(LayerObjective::sortedS).sum();
      double optimal = result.objectives().stream().mapToDouble(LayerObjective::optimalS).sum();
      o.printf("linear objective (sum over layers of sum_e p_e * E[latency]): sorted %.9f s, optimal (Hungarian) %.9f s: %s%n",
          sorted, optimal, result.sortedEqualsOptimal() ? "equal on every layer" : "DIFFERENT");
      if (result.unreachableWaits() > 0) {
        o.printf("path queries cut by link failures while planning: %d%n", result.unreachableWaits());
      }
    }
    if (jointReplicas != null) {
      o.printf("replicas (joint objective): %d extra expert copies of a budget of %d (%.0f%% of %d), expected token"
          + " latency %.4f s -> %.4f s (%.2f%% lower)%n", jointReplicas.copies().size(), jointReplicas.budgetCopies(),
          100 * replicaBudget, sc.model().layers() * sc.model().experts(), joint.objectiveS(),
          joint.objectiveS() - jointReplicas.expectedGainS(), 100 * jointReplicas.expectedGainS() / joint.objectiveS());
    }
    if (replicas != null) {
      o.printf("replicas: %d extra expert copies of a budget of %d (%.0f%% of %d), spent for %.4f satellite failures per slot%n",
          replicas.copies().size(), replicas.budgetCopies(), 100 * replicaBudget, sc.model().layers() * sc.model().experts(),
          designFailure);
    }
    o.printf("wrote %s%n", out);
    o.flush();
    return s instanceof RingLinearPlacement && !result.sortedEqualsOptimal() ? GroundCli.EXIT_CHECK_FAILED : 0;
  }
}
