package org.spacemoe.ground.reproduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.cli.GroundCli;
import picocli.CommandLine;

/** {@code reproduce --quick} twice in-process: same seed, same bytes; the paper's ordering holds. */
class ReproduceCommandTest {
  @TempDir static Path dir;
  private static int exit1;
  private static int exit2;
  private static String out1;

  private static int run(Path out, StringWriter stdout) {
    PrintStream saved = System.err;
    // progress bar and log lines go to System.err: keep them out of the test log
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      CommandLine cl = GroundCli.newCommandLine();
      StringWriter err = new StringWriter();
      cl.setOut(new PrintWriter(stdout, true));
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute("reproduce", "--quick", "--out", out.toString());
      assertEquals("reproduce: 16 configurations x 5 strategies, 40 slots, 800 samples each",
          err.toString().strip(), "stderr holds only the start line (the progress bar goes to System.err)");
      return code;
    } finally {
      System.setErr(saved);
    }
  }

  @BeforeAll
  static void runTwice() {
    StringWriter o1 = new StringWriter();
    exit1 = run(dir.resolve("run1"), o1);
    out1 = o1.toString();
    exit2 = run(dir.resolve("run2"), new StringWriter());
  }

  @Test
  void quickRunExitsZeroAndWritesTheSameJsonTwice() throws IOException {
    assertEquals(0, exit1, out1);
    assertEquals(0, exit2);
    byte[] a = Files.readAllBytes(dir.resolve("run1/reproduce.json"));
    byte[] b = Files.readAllBytes(dir.resolve("run2/reproduce.json"));
    assertTrue(a.length > 0);
    assertArrayEquals(a, b, "reproduce.json differs between two runs with the same seed");
    assertArrayEquals(Files.readAllBytes(dir.resolve("run1/spacemoe-plan.json")),
        Files.readAllBytes(dir.resolve("run2/spacemoe-plan.json")));
  }

  @Test
  void paperOrderingHoldsAndSortedEqualsOptimal() throws IOException {
    JsonNode root = new ObjectMapper().readTree(dir.resolve("run1/reproduce.json").toFile());
    JsonNode s = root.get("strategies");
    double randPlace = s.get("rand-place").get("meanTokenLatencyS").asDouble();
    double randIntra = s.get("rand-intra").get("meanTokenLatencyS").asDouble();
    double randIntraCg = s.get("rand-intra-cg").get("meanTokenLatencyS").asDouble();
    double spacemoe = s.get("spacemoe").get("meanTokenLatencyS").asDouble();
    assertTrue(randPlace > randIntra && randIntra > randIntraCg && randIntraCg > spacemoe,
        "ordering: " + randPlace + " > " + randIntra + " > " + randIntraCg + " > " + spacemoe);
    assertTrue(spacemoe > 0);
    assertTrue(root.get("orderingHolds").asBoolean());
    assertTrue(root.get("sortedMatchingEqualsOptimalAssignment").asBoolean());
    // the paper model has 32 layers: one linear-objective comparison per layer, all equal
    JsonNode perLayer = root.get("linearObjectivePerLayer");
    assertEquals(32, perLayer.size());
    perLayer.forEach(l -> assertTrue(l.get("equal").asBoolean(), l.toString()));
    assertTrue(root.get("assumptions").get("quick").asBoolean());
    assertTrue(out1.contains("ordering rand-place > rand-intra > rand-intra-cg > spacemoe: holds"), out1);
  }

  @Test
  void jointHasTheSameFieldsAsTheOthersAndItsChecks() throws IOException {
    JsonNode root = new ObjectMapper().readTree(dir.resolve("run1/reproduce.json").toFile());
    JsonNode spacemoe = root.get("strategies").get("spacemoe");
    JsonNode joint = root.get("strategies").get("joint");
    List<String> fields = new java.util.ArrayList<>();
    spacemoe.fieldNames().forEachRemaining(fields::add);
    List<String> jointFields = new java.util.ArrayList<>();
    joint.fieldNames().forEachRemaining(jointFields::add);
    assertEquals(fields, jointFields);
    assertTrue(joint.get("meanTokenLatencyS").asDouble() < spacemoe.get("meanTokenLatencyS").asDouble(),
        "joint below spacemoe on the same draws");
    JsonNode j = root.get("joint");
    double start = j.get("objectiveStartS").asDouble();
    double after = j.get("objectiveS").asDouble();
    double bound = j.get("objectiveLowerBoundS").asDouble();
    // the bound is of unsplit plans: joint's own objective may go below it with tensor-parallel layers
    double unsplit = root.get("tensorParallel").get("unsplitObjectiveS").asDouble();
    assertTrue(bound <= unsplit && after <= unsplit && unsplit < start, bound + " <= " + unsplit + " (unsplit), "
        + after + " <= unsplit < " + start);
    JsonNode exact = j.get("exactCheck");
    assertTrue(exact.get("optimumS").asDouble() <= exact.get("jointS").asDouble() + 1e-12, exact.toString());
    assertTrue(exact.get("gapPercent").asDouble() >= 0, exact.toString());
    JsonNode low = j.get("atLowLinkSurvival");
    assertEquals(0.9, low.get("linkSurvival").asDouble());
    assertEquals(low.get("jointP99S").asDouble() <= low.get("spacemoeP99S").asDouble(),
        low.get("jointP99NotWorse").asBoolean());
    assertTrue(root.get("ratios").has("jointOverSpacemoe"));
    assertTrue(Files.size(dir.resolve("run1/joint-plan.json")) > 0);
  }

  @Test
  void perDeviceTableHasThePapersComputersAndSaysWhereItsSpeedupHolds() throws IOException {
    JsonNode root = new ObjectMapper().readTree(dir.resolve("run1/reproduce.json").toFile());
    JsonNode pd = root.get("perDevice");
    assertEquals(3.0, pd.get("paperClaimedSpeedup").asDouble());
    JsonNode devices = pd.get("devices");
    List<String> names = new java.util.ArrayList<>();
    devices.forEach(d -> names.add(d.get("device").asText()));
    assertEquals(List.of("rad5545", "sbc-2a72", "ix10"), names, "slowest computer first");
    List<String> holds = new java.util.ArrayList<>();
    double previousCompute = 2;
    double previousSpeedup = 0;
    for (JsonNode d : devices) {
      JsonNode st = d.get("strategies");
      assertEquals(5, st.size(), d.toString());
      double spacemoe = st.get("spacemoe").get("meanTokenLatencyS").asDouble();
      double best = Math.min(st.get("rand-place").get("meanTokenLatencyS").asDouble(),
          Math.min(st.get("rand-intra").get("meanTokenLatencyS").asDouble(),
              st.get("rand-intra-cg").get("meanTokenLatencyS").asDouble()));
      assertEquals(best / spacemoe, d.get("minBaselineOverSpacemoe").asDouble(), 1e-12);
      assertEquals(best / spacemoe >= 3.0, d.get("paperSpeedupHolds").asBoolean());
      if (d.get("paperSpeedupHolds").asBoolean()) {
        holds.add(d.get("device").asText());
      }
      // a faster computer leaves less of the token to compute, so placement (which shortens links) gains more
      double compute = d.get("spacemoeComputeShare").asDouble();
      assertTrue(compute < previousCompute, d.toString());
      assertTrue(d.get("minBaselineOverSpacemoe").asDouble() > previousSpeedup, d.toString());
      previousCompute = compute;
      previousSpeedup = d.get("minBaselineOverSpacemoe").asDouble();
    }
    assertEquals(holds, new ObjectMapper().convertValue(pd.get("paperSpeedupHoldsOn"), List.class));
    // the base device's row is the base configuration itself
    JsonNode sbc = devices.get(1);
    assertEquals(root.get("strategies").get("spacemoe").get("meanTokenLatencyS").asDouble(),
        sbc.get("strategies").get("spacemoe").get("meanTokenLatencyS").asDouble());
    assertTrue(out1.contains("Per device (every satellite on it"), out1);
  }

  @Test
  void jointSplitsLayersAndTheSectionComparesItWithoutSplitsOnTheSameDraws() throws IOException {
    JsonNode root = new ObjectMapper().readTree(dir.resolve("run1/reproduce.json").toFile());
    JsonNode tp = root.get("tensorParallel");
    assertNotNull(tp, "reproduce.json has a tensorParallel section");
    double spacemoe = root.get("strategies").get("spacemoe").get("meanTokenLatencyS").asDouble();
    double joint = root.get("strategies").get("joint").get("meanTokenLatencyS").asDouble();
    assertEquals(spacemoe, tp.get("spacemoeMeanS").asDouble(), 0.0, "same realisations and draws as spacemoe's row");
    assertEquals(joint, tp.get("jointMeanS").asDouble(), 0.0, "same realisations and draws as joint's row");
    assertEquals(joint / spacemoe, tp.get("jointOverSpacemoe").asDouble(), 1e-12);
    double unsplit = tp.get("unsplit").get("meanTokenLatencyS").asDouble();
    assertEquals(unsplit / spacemoe, tp.get("unsplitOverSpacemoe").asDouble(), 1e-12);
    assertEquals(32, tp.get("attentionWidths").size());
    for (JsonNode w : tp.get("attentionWidths")) {
      assertTrue(w.asInt() >= 1 && w.asInt() <= tp.get("maxWidth").asInt(), tp.toString());
    }
    // sbc-2a72: 19 ms of projections per layer against a 4.4 ms round trip to a neighbouring plane, so splits pay
    assertTrue(joint < unsplit, tp.toString());
    assertEquals(joint / spacemoe <= 0.9, tp.get("atMostNinetyPercentOfSpacemoe").asBoolean());
    assertTrue(out1.contains("tensor-parallel layers: joint"), out1);
    JsonNode plan = new ObjectMapper().readTree(dir.resolve("run1/joint-plan.json").toFile());
    assertTrue(plan.get("layers").get(0).has("attentionParts"), "joint's plan carries its splits");
  }

  @Test
  void chartsAndMapAreReadablePngs() throws IOException {
    for (String name : List.of("latency-per-strategy.png", "sweep-altitudeKm.png", "sweep-constellationSize.png",
        "sweep-linkSurvival.png", "sweep-trackingLimitRadPerS.png", "sweep-replicas-availability.png",
        "spacemoe-map.png", "latency-per-device.png", "speedup-per-device.png")) {
      BufferedImage img = ImageIO.read(dir.resolve("run1").resolve(name).toFile());
      assertNotNull(img, name + " is not a readable image");
      assertTrue(img.getWidth() > 100 && img.getHeight() > 100, name);
    }
  }

  @Test
  void replicasRaiseAvailabilityUnderSatelliteFailuresWithinTheGatewayBound() throws IOException {
    JsonNode rf = new ObjectMapper().readTree(dir.resolve("run1/reproduce.json").toFile()).get("replicasAndFailures");
    assertEquals(List.of(0.0, 0.25, 0.5, 1.0), new ObjectMapper().convertValue(rf.get("budgets"), List.class));
    for (JsonNode row : rf.get("rows")) {
      JsonNode pts = row.get("points");
      double bound = row.get("gatewayBound").asDouble();
      assertEquals(0, pts.get(0).get("extraCopies").asInt());
      assertEquals(64, pts.get(1).get("extraCopies").asInt()); // 25% of 32 x 8
      // same failures and draws for every budget: more copies never lose a token, and gateways cap it
      for (int i = 1; i < pts.size(); i++) {
        assertTrue(pts.get(i).get("failedTokens").asLong() <= pts.get(i - 1).get("failedTokens").asLong(), row.toString());
      }
      for (JsonNode pt : pts) {
        assertTrue(pt.get("availability").asDouble() <= bound + 0.05, row.toString());
      }
    }
    JsonNode q01 = rf.get("rows").get(2);
    assertEquals(0.01, q01.get("failureProbability").asDouble());
    assertTrue(q01.get("points").get(1).get("availability").asDouble()
        > q01.get("points").get(0).get("availability").asDouble() + 0.05, q01.toString());
    // the expected (computed) availability agrees with the sampled one where sampling resolves it
    for (JsonNode pt : q01.get("points")) {
      assertEquals(pt.get("expectedAvailability").asDouble(), pt.get("availability").asDouble(), 0.06, pt.toString());
    }
    // where 800 samples cannot resolve it: at 1.25e-5 failures per satellite per slot spacemoe falls below
    // 99.9% and 25% more expert copies lift it above
    JsonNode rare = rf.get("rows").get(0);
    assertEquals(1.25e-5, rare.get("failureProbability").asDouble());
    assertTrue(rare.get("points").get(0).get("expectedAvailability").asDouble() < 0.999, rare.toString());
    assertTrue(rare.get("points").get(1).get("expectedAvailability").asDouble() >= 0.999, rare.toString());
    assertTrue(out1.contains("Replicas and satellite failures"), out1);
  }
}
