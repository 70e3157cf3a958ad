package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spacemoe.shared.plan.PlanJson;

/**
 * {@code ground split} end to end: the acceptance instance (32-layer model over 8 satellites, memory forcing a
 * split, a budget forbidding int8 on some cuts) and bad input.
 */
class SplitCommandTest {
  @TempDir static Path dir;
  static Path loss;

  static final String CHAIN = "p16s00,p16s01,p16s02,p16s03,p16s04,p16s05,p16s06,p16s07";
  static final double MIB = 1024.0 * 1024.0;

  @BeforeAll
  static void fixture() throws IOException {
    loss = dir.resolve("codec-loss.json");
    try (InputStream in = SplitCommandTest.class.getResourceAsStream("/split/codec-loss-fixture.json")) {
      Files.write(loss, in.readAllBytes());
    }
  }

  private static JsonNode split(String name, String... more) throws IOException {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("split", "--model", "llama-moe-3.5b-2of8", "--chain", CHAIN,
        "--codec-loss", loss.toString(), "--out", out.toString()));
    args.addAll(List.of(more));
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.describe());
    assertTrue(r.out().contains("a-star") && r.out().contains("uniform") && r.out().contains("proportional")
        && r.out().contains("no-compression"), r.out());
    return PlanJson.mapper().readTree(out.toFile());
  }

  private static List<String> codecs(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.at("/plan/cutCodecs").forEach(c -> out.add(c.asText()));
    return out;
  }

  @Test
  void acceptanceInstanceGivesAValidPlanBetterThanEveryBaseline() throws IOException {
    JsonNode r = split("accept.json", "--memory", "6144", "--accuracy-budget", "0.004", "--isl-rate-gbps", "0.01");
    JsonNode planned = r.get("planned");
    assertTrue(planned.get("feasible").asBoolean(), planned.toString());
    assertEquals(34, r.at("/inputs/units").size(), "embed + 32 layers + head");
    // the memory limit forces a split: the model does not fit one satellite
    long need = 0;
    for (JsonNode u : r.at("/inputs/units")) {
      need += u.get("weightBytes").asLong() + 4 * u.get("kvBytesPerSequence").asLong();
    }
    assertTrue(need > 6144 * MIB, "model needs " + need / MIB + " MiB");
    int stages = planned.get("stages").size();
    assertTrue(stages >= Math.ceil(need / (6144 * MIB)), "stages " + stages);
    for (JsonNode st : planned.get("stages")) {
      assertTrue(st.get("memoryBytes").asLong() <= st.get("memoryLimitBytes").asLong(), st.toString());
    }
    // the budget forbids int8 on some cuts, and the loss stays within it
    List<String> cuts = codecs(r);
    assertEquals(stages - 1, cuts.size());
    assertTrue(cuts.contains("int8"), "int8 is the cheapest where allowed: " + cuts);
    assertTrue(cuts.stream().anyMatch(c -> !c.equals("int8")), "the budget must forbid int8 somewhere: " + cuts);
    assertTrue(planned.get("accuracyLoss").asDouble() <= 0.004 + 1e-12);
    // priced by the same model, no feasible baseline is faster
    assertEquals(3, r.get("baselines").size());
    for (JsonNode b : r.get("baselines")) {
      if (b.get("feasible").asBoolean()) {
        assertTrue(planned.get("latencyS").asDouble() <= b.get("latencyS").asDouble() + 1e-12,
            b.get("strategy").asText() + " is faster");
      }
    }
    JsonNode fp32 = r.get("baselines").get(0);
    assertEquals("no-compression", fp32.get("strategy").asText());
    assertTrue(planned.get("islBytesPerToken").asLong() < fp32.get("islBytesPerToken").asLong());
    assertTrue(r.at("/search/expandedStates").asInt() < r.at("/search/dagStates").asInt());
    assertTrue(r.at("/planned/pipeline/tokensPerS").asDouble() > 0);
  }

  @Test
  void aSplitFileReadsBackAsTheRuntimePlacement() throws IOException {
    Path out = dir.resolve("layout.json");
    split("layout.json", "--memory", "6144", "--accuracy-budget", "0.004");
    org.spacemoe.ground.split.SplitLayout layout = org.spacemoe.ground.split.SplitLayout.read(out);
    var c = org.spacemoe.shared.constellation.ConstellationSpecs.parse("paper");
    var placement = layout.toPlacement(c);
    assertEquals(32, placement.layers());
    int last = layout.plan().stages() - 1;
    assertEquals(layout.satellites().get(0), c.satellites().get(placement.gateways()[0]).name());
    assertEquals(layout.satellites().get(last), c.satellites().get(placement.gateways()[31]).name());
    for (int l = 0; l < 32; l++) {
      for (int[] hosts : placement.expertHosts()[l]) {
        assertEquals(placement.gateways()[l], hosts[0], "a dense stage hosts its layer's experts");
      }
    }
    Files.writeString(dir.resolve("other.json"), "{\"format\": \"spacemoe-split\", \"version\": 2}");
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.spacemoe.shared.input.InvalidInputException.class,
        () -> org.spacemoe.ground.split.SplitLayout.read(dir.resolve("other.json")));
    assertTrue(e.getMessage().contains("not a split file"), e.getMessage());
  }

  @Test
  void theBudgetDecidesTheCodecs() throws IOException {
    List<String> none = codecs(split("b0.json", "--memory", "6144", "--accuracy-budget", "0", "--isl-rate-gbps", "0.01"));
    List<String> all = codecs(split("b1.json", "--memory", "6144", "--accuracy-budget", "1", "--isl-rate-gbps", "0.01"));
    assertTrue(none.stream().allMatch("fp32"::equals), none.toString());
    assertTrue(all.stream().allMatch("int8"::equals), all.toString());
  }

  @Test
  void splitsAlongThePlanGateways() throws IOException {
    Path plan = dir.resolve("plan.json");
    CliRun p = CliRun.of("plan", "--slots", "20", "--out", plan.toString());
    assertEquals(0, p.exit(), p.describe());
    Path out = dir.resolve("from-plan.json");
    CliRun r = CliRun.of("split", "--plan", plan.toString(), "--chain-length", "6", "--memory", "8192",
        "--accuracy-budget", "0.004", "--codec-loss", loss.toString(), "--out", out.toString());
    assertEquals(0, r.exit(), r.describe());
    JsonNode j = PlanJson.mapper().readTree(out.toFile());
    assertEquals(6, j.at("/inputs/chain").size());
    assertTrue(j.at("/planned/feasible").asBoolean());
    for (JsonNode l : j.at("/inputs/chainLinks")) {
      assertTrue(l.get("hops").asInt() >= 1 && l.get("propagationS").asDouble() > 0, l.toString());
    }
  }

  static Stream<Arguments> badInputs() throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("nan.json"), "{\"source\": \"x\", \"codecs\": {\"fp32\": {\"bytesPerValue\": 4, "
        + "\"lossPerCut\": NaN, \"meanCosine\": 1, \"minCosine\": 1, \"greedyAgreement\": 1}}}");
    Files.writeString(dir.resolve("nofp32.json"), "{\"source\": \"x\", \"codecs\": {\"fp16\": {\"bytesPerValue\": 2, "
        + "\"lossPerCut\": 0.001, \"meanCosine\": 1, \"minCosine\": 0.999, \"greedyAgreement\": 1}}}");
    Files.writeString(dir.resolve("bigloss.json"), "{\"source\": \"x\", \"codecs\": {\"fp32\": {\"bytesPerValue\": 4, "
        + "\"lossPerCut\": 2, \"meanCosine\": 1, \"minCosine\": 1, \"greedyAgreement\": 1}}}");
    Files.writeString(dir.resolve("unknown.json"), "{\"source\": \"x\", \"codecs\": {\"fp32\": {\"bytesPerValue\": 4, "
        + "\"lossPerCut\": 0, \"meanCosine\": 1, \"minCosine\": 1, \"greedyAgreement\": 1}, \"int4\": {}}}");
    Files.writeString(dir.resolve("text.json"), "codecs: fp32\n");
    String ok = "--codec-loss";
    return Stream.of(
        Arguments.of(List.of("--chain", "p16s00,p16s02", "--accuracy-budget", "0", ok, "L"),
            List.of("--chain", "not a path", "p16s00", "p16s02")),
        Arguments.of(List.of("--chain", "p16s00,p99s00", "--accuracy-budget", "0", ok, "L"),
            List.of("--chain", "unknown satellite", "p99s00")),
        Arguments.of(List.of("--chain", "p16s00,p16s01,p16s00", "--accuracy-budget", "0", ok, "L"),
            List.of("--chain", "not a path", "twice")),
        Arguments.of(List.of("--chain", CHAIN, "--memory", "700", "--accuracy-budget", "0", ok, "L"),
            List.of("--memory", "layer 0", "no split fits")),
        Arguments.of(List.of("--chain", "p16s00,p16s01", "--memory", "6144", "--accuracy-budget", "0", ok, "L"),
            List.of("--memory", "no split fits", "longer chain")),
        Arguments.of(List.of("--chain", CHAIN, "--accuracy-budget", "-0.1", ok, "L"),
            List.of("--accuracy-budget", "-0.1")),
        Arguments.of(List.of("--chain", CHAIN, "--accuracy-budget", "0", ok, f("nan.json")),
            List.of("nan.json", "not JSON")),
        Arguments.of(List.of("--chain", CHAIN, "--accuracy-budget", "0", ok, f("nofp32.json")),
            List.of("nofp32.json", "fp32")),
        Arguments.of(List.of("--chain", CHAIN, "--accuracy-budget", "0", ok, f("bigloss.json")),
            List.of("bigloss.json", "codecs.fp32.lossPerCut", "2")),
        Arguments.of(List.of("--chain", CHAIN, "--accuracy-budget", "0", ok, f("unknown.json")),
            List.of("unknown.json", "int4", "unknown codec")),
        Arguments.of(List.of("--chain", CHAIN, "--accuracy-budget", "0", ok, f("text.json")),
            List.of("text.json", "not JSON")),
        Arguments.of(List.of("--chain", CHAIN, "--accuracy-budget", "0", ok, f("missing.json")),
            List.of("missing.json", "cannot read")),
        Arguments.of(List.of("--chain", CHAIN, "--device", "sbc-2a72", "--device", "ix10", "--accuracy-budget", "0",
            ok, "L"), List.of("--device", "one per chain satellite", "8")));
  }

  private static String f(String name) {
    return dir.resolve(name).toString();
  }

  @ParameterizedTest
  @MethodSource("badInputs")
  void badInputExitsTwoWithOneLine(List<String> flags, List<String> mentions) {
    List<String> args = new ArrayList<>(List.of("split", "--out", dir.resolve("never.json").toString()));
    for (String a : flags) {
      args.add(a.equals("L") ? loss.toString() : a);
    }
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertEquals(2, r.exit(), r.describe());
    String err = r.err().strip();
    assertFalse(err.contains("\n"), "one line: " + r.describe());
    assertTrue(err.startsWith("error: "), r.describe());
    for (String m : mentions) {
      assertTrue(err.contains(m), "'" + m + "' missing in: " + err);
    }
    assertFalse(r.systemErr().contains("Exception"), r.describe());
  }
}
