package org.spacemoe.ground.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jgrapht.Graph;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Strategies;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.EarthConstants;
import org.spacemoe.shared.constellation.GridLink;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.IslSnapshot;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.HiddenStateCodec;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.routing.HopLatencyModel;
import org.spacemoe.shared.routing.NetworkRealisations;
import org.spacemoe.shared.stats.ActivationStatistics;

class TokenLatencyEvaluatorTest {
  /** 1 GFLOP/s, so FLOPs / 1e9 = seconds. */
  private static final DeviceProfile ONE_GFLOPS = new DeviceProfile("test", 1e9, 1L << 30);
  // hidden d = 256, expert width w = 512, vocabulary V = 1000, context c = 16, E experts:
  // gateway G = 2 (4 d^2 + 2 c d + d E) FLOPs, expert X = 2 * 3 d w, head H = 2 d V
  private static final double X_S = 2.0 * 3 * 256 * 512 / 1e9; // 7.86432e-4 s
  private static final double H_S = 2.0 * 256 * 1000 / 1e9; // 5.12e-4 s

  private static double gatewayS(int experts) {
    return 2.0 * (4.0 * 256 * 256 + 2.0 * 16 * 256 + 256.0 * experts) / 1e9;
  }

  private static Scenario scenario(String constellation, MoeModel model, int slots) {
    return new Scenario(constellation, ConstellationSpecs.parse(constellation),
        IslRules.defaults().withTrackingLimit(10), slots, 1.0, 7, 100e9, HiddenStateCodec.FP32, model, ONE_GFLOPS, 16,
        ActivationStatistics.uniform(model.layers(), model.experts()));
  }

  private static void assertRel(double expected, double actual, String what) {
    assertTrue(Math.abs(expected - actual) <= 1e-9 * Math.abs(expected),
        what + ": expected " + expected + ", got " + actual);
  }

  private static void assertBreakdownSumsToMean(LatencyReport r) {
    double sum = r.meanComputeS() + r.meanPropagationS() + r.meanTransmissionS() + r.meanWaitingS();
    assertRel(r.meanTokenLatencyS(), sum, r.strategy() + " breakdown sum");
    double layers = r.layers().stream().mapToDouble(LayerBreakdown::totalS).sum();
    assertRel(r.meanTokenLatencyS(), layers, r.strategy() + " per-layer breakdown sum");
  }

  @Test
  void onePlaneRingMatchesTheClosedForm() {
    // One plane of 12 satellites, 550 km: neighbours are a chord 2 a sin(pi/12) apart at every instant, and the
    // only links are the 12 intra-plane ones (a ring), so a path of k hops takes k * (chord / c + bytes * 8 / rate).
    // chord/2 from the centre: a cos(pi/12) = 6692 km > 6378 + 80 km, so every link clears the atmosphere.
    MoeModel model = new MoeModel("custom", 2, 1, 1, 256, 512, 1000);
    Scenario sc = scenario("walker-star:planes=1,sats=12,phasing=0", model, 10);
    double a = EarthConstants.EQUATORIAL_RADIUS_KM + 550;
    double propPerHop = 2 * a * Math.sin(Math.PI / 12) / EarthConstants.SPEED_OF_LIGHT_KM_PER_S;
    double txPerHop = 256 * 4 * 8 / 100e9; // fp32 hidden state: 1024 bytes at 100 Gbit/s
    // layer 0: gateway s0, expert s2 (2 hops), next gateway s6 (6 hops);
    // layer 1: gateway s6, expert s5 (1 hop), next gateway s0 (6 hops, ring closure)
    Placement p = new Placement("hand", new int[][] {{0, 1, 2}, {5, 6}}, new int[] {0, 6},
        new int[][][] {{{2}}, {{5}}});
    int hops = (2 * 2 + 6) + (2 * 1 + 6);
    double compute = 2 * gatewayS(1) + 2 * X_S + H_S;
    double expected = compute + hops * (propPerHop + txPerHop);

    LatencyReport r = new TokenLatencyEvaluator(sc).evaluate(p, new EvaluationSettings(10, 4, 3));
    assertEquals(40, r.tokens());
    assertEquals(0, r.excludedTokens());
    assertRel(expected, r.meanTokenLatencyS(), "mean");
    assertRel(expected, r.p50TokenLatencyS(), "p50");
    assertRel(expected, r.p99TokenLatencyS(), "p99");
    assertTrue(r.stdErrorS() <= 1e-12, "identical samples: standard error " + r.stdErrorS());
    assertRel(compute, r.meanComputeS(), "compute");
    assertRel(hops * propPerHop, r.meanPropagationS(), "propagation");
    assertRel(hops * txPerHop, r.meanTransmissionS(), "transmission");
    assertEquals(0.0, r.meanWaitingS());
    assertEquals(0, r.unreachableWaits());
    assertBreakdownSumsToMean(r);
    // layer 1 carries the LM head and the closure: G + X + H + 8 hops
    assertRel(gatewayS(1) + X_S + H_S + 8 * (propPerHop + txPerHop), r.layers().get(1).totalS(), "layer 1");
    // 12 intra-plane links are up in every realisation
    assertEquals(12.0, r.meanUpLinks());
  }

  /** Shortest-path latency by JGraphT's Dijkstra on one slot's existing links, hop weights as documented. */
  private static DijkstraShortestPath<Integer, DefaultWeightedEdge> dijkstra(IslSnapshot snap, HopLatencyModel hop) {
    Graph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    for (int i = 0; i < snap.satelliteCount(); i++) {
      g.addVertex(i);
    }
    List<GridLink> links = snap.candidates();
    for (int i = 0; i < links.size(); i++) {
      if (snap.exists(i)) {
        DefaultWeightedEdge e = g.addEdge(links.get(i).a(), links.get(i).b());
        g.setEdgeWeight(e, snap.lengthKm(i) / EarthConstants.SPEED_OF_LIGHT_KM_PER_S + hop.transmissionS());
      }
    }
    return new DijkstraShortestPath<>(g);
  }

  @Test
  void multiPlaneMeanMatchesAnIndependentDijkstraOverTheSlots() {
    // 3 layers x 2 experts, top-2 of 2: every token uses both experts, so the per-layer cost is
    // G + X + max over both experts of 2 P(g, h) + P(g, next g); with survival 1 every realisation of a slot is
    // the failure-free graph, and one realisation per slot makes the mean the average over slots.
    MoeModel model = new MoeModel("custom", 3, 2, 2, 256, 512, 1000);
    int slots = 10;
    Scenario sc = scenario("walker-star:planes=8,sats=10,phasing=1", model, slots);
    int[] gw = {0, 44, 70};
    int[][] ex = {{13, 35}, {52, 27}, {61, 9}};
    Placement p = new Placement("hand", new int[][] {{0, 13, 35}, {44, 52, 27}, {70, 61, 9}}, gw,
        new int[][][] {{{13}, {35}}, {{52}, {27}}, {{61}, {9}}});
    NetworkRealisations net = sc.network();
    double sum = 0;
    for (int s = 0; s < slots; s++) {
      DijkstraShortestPath<Integer, DefaultWeightedEdge> d = dijkstra(net.snapshot(s), sc.hop());
      double t = H_S;
      for (int l = 0; l < 3; l++) {
        double roundTrip = Math.max(2 * d.getPathWeight(gw[l], ex[l][0]), 2 * d.getPathWeight(gw[l], ex[l][1]));
        t += gatewayS(2) + X_S + roundTrip + d.getPathWeight(gw[l], gw[(l + 1) % 3]);
      }
      assertTrue(Double.isFinite(t), "slot " + s + " disconnected");
      sum += t;
    }
    double expected = sum / slots;
    LatencyReport r = new TokenLatencyEvaluator(sc, net).evaluate(p, new EvaluationSettings(slots, 3, 11));
    assertEquals(30, r.tokens());
    assertRel(expected, r.meanTokenLatencyS(), "mean over slots");
    assertRel(3 * (gatewayS(2) + X_S) + H_S, r.meanComputeS(), "compute");
    assertBreakdownSumsToMean(r);
  }

  @Test
  void sameSeedsGiveIdenticalReportsAndBreakdownsSumToTheMean() {
    Scenario sc = TestScenarios.small();
    Placement p = Strategies.byName("rand-intra").place(new PlanningContext(sc)).placement();
    EvaluationSettings settings = EvaluationSettings.forSamples(200, sc.slots(), 5);
    LatencyReport a = new TokenLatencyEvaluator(sc).evaluate(p, settings);
    LatencyReport b = new TokenLatencyEvaluator(sc).evaluate(p, settings);
    assertEquals(a, b);
    // 200 samples over min(200, 20) = 20 realisations of ceil(200 / 20) = 10 tokens
    assertEquals(200, a.tokens() + a.excludedTokens());
    assertBreakdownSumsToMean(a);
    // a different top-k seed draws other experts: the report changes
    LatencyReport c = new TokenLatencyEvaluator(sc).evaluate(p, EvaluationSettings.forSamples(200, sc.slots(), 6));
    assertNotEquals(a.meanTokenLatencyS(), c.meanTokenLatencyS());
  }

  @Test
  void placementsEvaluatedTogetherGetTheSameReportsAsAlone() {
    Scenario sc = TestScenarios.small();
    PlanningContext ctx = new PlanningContext(sc);
    Placement a = Strategies.byName("spacemoe").place(ctx).placement();
    Placement b = Strategies.byName("rand-intra").place(ctx).placement();
    EvaluationSettings settings = EvaluationSettings.forSamples(200, sc.slots(), 5);
    List<LatencyReport> both = new TokenLatencyEvaluator(sc).evaluateAll(List.of(a, b), settings, r -> {});
    assertEquals(2, both.size());
    assertEquals(new TokenLatencyEvaluator(sc).evaluate(a, settings), both.get(0));
    assertEquals(new TokenLatencyEvaluator(sc).evaluate(b, settings), both.get(1));
  }

  @Test
  void pathQueriesWithEqualArrayHashesAreNotConfused() {
    // Layer 0 of both placements has gateway 0; its path targets (expert host, next gateway) are [1, 40] and
    // [2, 9]: Arrays.hashCode gives 31 * (31 + 1) + 40 = 1032 and 31 * (31 + 2) + 9 = 1032, the same hash.
    MoeModel model = new MoeModel("custom", 2, 1, 1, 256, 512, 1000);
    Scenario sc = new Scenario(TestScenarios.SMALL_CONSTELLATION, ConstellationSpecs.parse(TestScenarios.SMALL_CONSTELLATION),
        IslRules.defaults(), 20, 0.95, 3, 100e9, HiddenStateCodec.FP16, model, ONE_GFLOPS, 16,
        ActivationStatistics.uniform(2, 1));
    Placement a = new Placement("a", new int[][] {{0, 1}, {40, 41}}, new int[] {0, 40}, new int[][][] {{{1}}, {{41}}});
    Placement b = new Placement("b", new int[][] {{0, 2}, {9, 10}}, new int[] {0, 9}, new int[][][] {{{2}}, {{10}}});
    EvaluationSettings settings = EvaluationSettings.forSamples(40, sc.slots(), 5);
    List<LatencyReport> both = new TokenLatencyEvaluator(sc).evaluateAll(List.of(a, b), settings, r -> {});
    LatencyReport bAlone = new TokenLatencyEvaluator(sc).evaluate(b, settings);
    assertEquals(bAlone, both.get(1));
    assertEquals(new TokenLatencyEvaluator(sc).evaluate(a, settings), both.get(0));
  }

  @Test
  void excludedSamplesStayOutOfTheBreakdown() {
    // ISL range 1 km: no link ever exists, so only a satellite's path to itself is finite (0 s, 0 hops).
    // One layer whose gateway s0 also hosts expert 0 and is its own next gateway (ring of one layer);
    // expert 1 sits on s3, unreachable: tokens routed to expert 1 are excluded, the others take G + X + H.
    MoeModel model = new MoeModel("custom", 1, 2, 1, 256, 512, 1000);
    String spec = "walker-star:planes=1,sats=12,phasing=0";
    Scenario sc = new Scenario(spec, ConstellationSpecs.parse(spec), new IslRules(10, 80, 1), 4, 1.0, 7, 100e9,
        HiddenStateCodec.FP32, model, ONE_GFLOPS, 16, ActivationStatistics.uniform(1, 2));
    Placement p = new Placement("hand", new int[][] {{0, 3}}, new int[] {0}, new int[][][] {{{0}, {3}}});
    LatencyReport r = new TokenLatencyEvaluator(sc).evaluate(p, new EvaluationSettings(4, 50, 3));
    // uniform top-1 of 2 over 200 tokens: both experts get drawn
    assertTrue(r.tokens() > 0 && r.excludedTokens() > 0, r.toString());
    assertEquals(200, r.tokens() + r.excludedTokens());
    double expected = gatewayS(2) + X_S + H_S;
    assertRel(expected, r.meanTokenLatencyS(), "mean of the counted samples");
    assertRel(expected, r.meanComputeS(), "compute");
    assertEquals(0.0, r.meanPropagationS());
    assertEquals(0.0, r.meanTransmissionS());
    assertEquals(0.0, r.meanWaitingS());
    assertBreakdownSumsToMean(r);
  }
}
