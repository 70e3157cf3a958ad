package org.spacemoe.ground.reproduce;

import java.util.ArrayList;
import java.util.List;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlacementResult;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.joint.JointReplicas;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.routing.NetworkRealisations;

/**
 * {@code joint} with a budget of extra expert copies spent on its own objective ({@link JointReplicas}) against
 * {@code joint} without copies and {@code spacemoe}, on the same realisations and top-k draws as the base table.
 * Times in s.
 *
 * @param strategy the name evaluated ({@value #STRATEGY})
 * @param replicaBudget extra copies as a fraction of layers x experts ({@code --replica-budget})
 * @param budgetCopies the copies that budget allows
 * @param copies the copies placed (fewer when no further copy gains or memory runs out)
 * @param copiesOnGateways those of them on their layer's gateway satellite
 * @param jointReplicas its evaluated figures
 * @param jointMeanS joint's mean (no copies) on the same draws
 * @param spacemoeMeanS spacemoe's mean on the same draws
 * @param overJoint {@code jointReplicas} mean over {@code jointMeanS}
 * @param overSpacemoe {@code jointReplicas} mean over {@code spacemoeMeanS}
 * @param objectiveGainS drop of joint's objective (expected token latency over the planner's realisations)
 */
public record JointReplicasComparison(String strategy, double replicaBudget, int budgetCopies, int copies,
    int copiesOnGateways,
    StrategySummary jointReplicas, double jointMeanS, double spacemoeMeanS, double overJoint, double overSpacemoe,
    double objectiveGainS) {
  public static final String STRATEGY = "joint+replicas";
  /** The budgets reproduce spends. */
  public static final List<Double> BUDGETS = List.of(0.25, 1.0);

  /** Adds each budget's copies to {@code joint} and evaluates them with spacemoe and joint on {@code samples}. */
  public static List<JointReplicasComparison> run(Scenario sc, PlacementResult spacemoe, Placement joint,
      List<Double> budgets, int samples) {
    NetworkRealisations net = sc.network();
    PlanningContext ctx = new PlanningContext(sc, net);
    List<Placement> placements = new ArrayList<>(List.of(spacemoe.placement(), joint));
    List<JointReplicas.Result> added = new ArrayList<>();
    for (double b : budgets) {
      JointReplicas.Result r = JointReplicas.add(ctx, joint, b, STRATEGY + "@" + b);
      added.add(r);
      placements.add(r.placement());
    }
    EvaluationSettings settings = EvaluationSettings.forSamples(samples, sc.slots(), sc.seed());
    List<LatencyReport> reports = new TokenLatencyEvaluator(sc, net).evaluateAll(placements, settings, i -> {});
    double s = reports.get(0).meanTokenLatencyS();
    double j = reports.get(1).meanTokenLatencyS();
    List<JointReplicasComparison> out = new ArrayList<>();
    for (int i = 0; i < budgets.size(); i++) {
      LatencyReport r = reports.get(2 + i);
      JointReplicas.Result a = added.get(i);
      int onGateways = (int) a.copies().stream().filter(c -> c.satellite() == joint.gateways()[c.layer()]).count();
      out.add(new JointReplicasComparison(STRATEGY, budgets.get(i), a.budgetCopies(), a.copies().size(), onGateways,
          StrategySummary.of(r), j, s, r.meanTokenLatencyS() / j, r.meanTokenLatencyS() / s, a.expectedGainS()));
    }
    return out;
  }
}
