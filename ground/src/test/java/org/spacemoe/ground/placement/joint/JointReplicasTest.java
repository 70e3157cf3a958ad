package org.spacemoe.ground.placement.joint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.latency.EvaluationSettings;
import org.spacemoe.ground.latency.LatencyReport;
import org.spacemoe.ground.latency.TokenLatencyEvaluator;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlacementResult;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.capacity.SatelliteMemory;
import org.spacemoe.ground.scenario.Scenario;

/**
 * joint's replicas for latency on the small scenario (12 x 16 Walker star, 8 layers x 4 experts, top-2, zipf:1.0, 20
 * slots): the budget and memory hold, each copy goes to a satellite with no role or to its layer's gateway (never a
 * second expert on one satellite), and no copy raises the evaluator's
 * predicted latency (every prefix of the spending order evaluated on the planner's realisations, same draws).
 */
class JointReplicasTest {

  /** Every prefix of the copies, in spending order, as placements named p0 (none) .. pN (all). */
  private static List<Placement> prefixes(Placement base, JointReplicas.Result r) {
    List<Placement> out = new ArrayList<>();
    int layers = base.layers();
    List<List<List<Integer>>> hosts = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      List<List<Integer>> row = new ArrayList<>();
      for (int[] h : base.expertHosts()[l]) {
        row.add(new ArrayList<>(Arrays.stream(h).boxed().toList()));
      }
      hosts.add(row);
    }
    for (int i = 0; i <= r.copies().size(); i++) {
      if (i > 0) {
        JointReplicas.Copy c = r.copies().get(i - 1);
        hosts.get(c.layer()).get(c.expert()).add(c.satellite());
      }
      int[][][] h = new int[layers][][];
      for (int l = 0; l < layers; l++) {
        h[l] = hosts.get(l).stream().map(li -> li.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
      }
      out.add(new Placement("p" + i, base.subnets(), base.gateways(), h, base.combineAtNext(), base.standbys(),
          base.split()));
    }
    return out;
  }

  @Test
  void noCopyRaisesThePredictedLatencyAndBudgetAndMemoryHold() {
    for (long seed : new long[] {1, 2, 3}) {
      for (JointPlacement strategy : List.of(JointPlacement.joint(), JointPlacement.jointOwn())) {
        Scenario sc = TestScenarios.small().withSeed(seed);
        PlanningContext ctx = new PlanningContext(sc);
        Placement joint = strategy.optimise(ctx).result().placement();
        double budget = seed == 1 ? 0.5 : 0.25;
        JointReplicas.Result r = JointReplicas.add(ctx, joint, budget, "joint+replicas");
        String what = strategy.name() + " seed " + seed;
        // budget
        assertEquals(Math.round(budget * 8 * 4), r.budgetCopies());
        assertTrue(r.copies().size() <= r.budgetCopies(), what);
        assertFalse(r.copies().isEmpty(), what + ": no copy found a gain");
        // memory, and one role per satellite: every copy on a satellite that held nothing
        SatelliteMemory m = SatelliteMemory.of(sc, r.placement());
        assertTrue(m.overfull().isEmpty(), m.overfull().toString());
        SatelliteMemory before = SatelliteMemory.of(sc, joint);
        java.util.Set<Integer> expertSats = new java.util.HashSet<>();
        int expertRoles = 0;
        for (int[][] layer : r.placement().expertHosts()) {
          for (int[] hs : layer) {
            for (int h : hs) {
              expertSats.add(h);
              expertRoles++;
            }
          }
        }
        assertEquals(expertRoles, expertSats.size(), what + ": a satellite holds two expert copies");
        for (JointReplicas.Copy c : r.copies()) {
          // a satellite that held nothing, or the layer's own gateway
          boolean onGateway = c.satellite() == joint.gateways()[c.layer()];
          assertEquals(onGateway ? 1 : 0, before.roles(c.satellite()), what + " " + c);
          assertEquals(onGateway ? 2 : 1, m.roles(c.satellite()), what + " " + c);
          assertTrue(Arrays.stream(joint.subnets()[c.layer()]).anyMatch(s -> s == c.satellite()), "in its subnet");
          assertTrue(c.gainS() > 0, c.toString());
        }
        // gateways, combine points and the original hosts stay
        assertArrayEquals(joint.gateways(), r.placement().gateways());
        assertArrayEquals(joint.combineAtNext(), r.placement().combineAtNext());
        for (int l = 0; l < joint.layers(); l++) {
          for (int e = 0; e < 4; e++) {
            assertEquals(joint.expertHosts()[l][e][0], r.placement().expertHosts()[l][e][0]);
          }
        }
        // predicted latency never rises as copies are added (planner's realisations: one per slot, draw 0)
        List<Placement> ps = prefixes(joint, r);
        List<LatencyReport> reports = new TokenLatencyEvaluator(sc).evaluateAll(ps,
            EvaluationSettings.forSamples(800, sc.slots(), sc.seed()), i -> {});
        for (int i = 1; i < reports.size(); i++) {
          double prev = reports.get(i - 1).meanTokenLatencyS();
          double now = reports.get(i).meanTokenLatencyS();
          assertTrue(now <= prev + 1e-12, what + ": copy " + i + " " + r.copies().get(i - 1) + " raised " + prev
              + " -> " + now);
        }
        assertTrue(reports.get(reports.size() - 1).meanTokenLatencyS() < reports.get(0).meanTokenLatencyS(), what);
      }
    }
  }

  @Test
  void lowersThePredictedMeanBelowJointWithoutCopiesOnDrawsItDidNotPlanOn() {
    Scenario sc = TestScenarios.small();
    PlanningContext ctx = new PlanningContext(sc);
    Placement joint = JointPlacement.joint().optimise(ctx).result().placement();
    PlacementResult withCopies = JointPlacement.joint().withReplicaBudget(0.5).place(ctx);
    Placement p = withCopies.placement();
    assertEquals("joint+replicas", p.strategy());
    int copies = Arrays.stream(p.expertHosts()).flatMap(Arrays::stream).mapToInt(h -> h.length).sum() - 8 * 4;
    assertTrue(copies > 0 && copies <= 16, "copies " + copies);
    // 4 link-failure draws per slot, 3 of them unseen by the planner; other top-k seed
    List<LatencyReport> r = new TokenLatencyEvaluator(sc).evaluateAll(List.of(joint, p),
        new EvaluationSettings(4 * sc.slots(), 50, 99), i -> {});
    double without = r.get(0).meanTokenLatencyS();
    double with = r.get(1).meanTokenLatencyS();
    assertTrue(with < without, "joint+replicas " + with + " s, joint " + without + " s");
  }

  @Test
  void zeroBudgetAddsNothingAndIsDeterministic() {
    Scenario sc = TestScenarios.small();
    PlanningContext ctx = new PlanningContext(sc);
    Placement joint = JointPlacement.joint().optimise(ctx).result().placement();
    JointReplicas.Result none = JointReplicas.add(ctx, joint, 0, "joint");
    assertTrue(none.copies().isEmpty());
    assertTrue(Arrays.deepEquals(joint.expertHosts(), none.placement().expertHosts()));
    JointReplicas.Result a = JointReplicas.add(ctx, joint, 0.25, "x");
    JointReplicas.Result b = JointReplicas.add(new PlanningContext(sc), joint, 0.25, "x");
    assertEquals(a.copies(), b.copies());
  }
}
