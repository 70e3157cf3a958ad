package org.spacemoe.onboard.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.onboard.shard.TinyModel;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.WeightFormat;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;
import org.spacemoe.shared.plan.PlanJson;

/** The selftest against real shards run by ONNX Runtime: pass, numeric failure, corrupt file, bad input. */
class SelftestCommandTest {
  private static final JsonMapper JSON = new JsonMapper();

  record Run(int code, String out, String err) {}

  private static Run selftest(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SelftestCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Path copyOfTiny(Path dir) throws Exception {
    Path src = TinyModel.tiny(WeightFormat.FP32);
    Path dst = dir.resolve("model");
    Files.createDirectories(dst);
    try (var files = Files.list(src)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, dst.resolve(f.getFileName()));
      }
    }
    return dst;
  }

  @Test
  void everyShardOfTheTinyModelPassesAndTheLoadedLibraryFitsThisJvm(@TempDir Path tmp) throws Exception {
    Path json = tmp.resolve("selftest.json");
    Run r = selftest("--shards", TinyModel.tiny(WeightFormat.FP32).toString(), "--json", json.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("selftest PASSED: 12/12 shards"), r.out());
    JsonNode report = JSON.readTree(json.toFile());
    assertTrue(report.get("passed").asBoolean());
    assertEquals(12, report.get("shardsPassed").asInt());
    String expected = SelftestCommand.expectedPlatform(System.getProperty("os.arch"));
    assertEquals(expected, report.get("ortPlatform").asText(), "the native library mapped into this JVM");
    assertTrue(r.out().contains("= jar ai/onnxruntime/native/" + expected + "/libonnxruntime.so"), r.out());
    for (JsonNode s : report.get("shards")) {
      assertTrue(s.get("maxAbsDiff").asDouble() < s.get("tolerance").asDouble(), s.toString());
      assertTrue(s.get("loadMs").asDouble() > 0, s.toString());
    }
    assertEquals(System.getProperty("os.arch"), report.get("platform").get("arch").asText());
    assertEquals("1.23.2", report.get("platform").get("onnxRuntime").asText());
  }

  @Test
  void aReferenceValueOffByMoreThanTheToleranceFailsThatShardWithItsDifference(@TempDir Path tmp) throws Exception {
    Path model = copyOfTiny(tmp);
    ObjectNode manifest = (ObjectNode) JSON.readTree(model.resolve("manifest.json").toFile());
    ObjectNode expert = null;
    for (JsonNode s : manifest.get("shards")) {
      if (s.get("name").asText().equals("layer01.expert02")) {
        expert = (ObjectNode) s;
      }
    }
    ArrayNode sample = (ArrayNode) expert.get("reference").get("outputs").get("y").get("sample");
    sample.set(3, JSON.getNodeFactory().numberNode(sample.get(3).asDouble() + 0.25));
    Files.writeString(model.resolve("manifest.json"), manifest.toString());
    Path json = tmp.resolve("r.json");
    Run r = selftest("--shards", model.toString(), "--json", json.toString());
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("selftest FAILED: 11/12 shards"), r.out());
    JsonNode bad = findShard(JSON.readTree(json.toFile()), "layer01.expert02");
    assertFalse(bad.get("passed").asBoolean());
    assertEquals(0.25, bad.get("maxAbsDiff").asDouble(), 1e-4);
    assertEquals("y[" + org.spacemoe.shared.model.onnx.ShardReference.sampleIndex(3, 8, 32) + "]",
        bad.get("worst").asText());
    assertTrue(bad.get("error").asText().contains("exceeds the tolerance"), bad.toString());
  }

  @Test
  void aCorruptShardFileFailsOnItsDigest(@TempDir Path tmp) throws Exception {
    Path model = copyOfTiny(tmp);
    Path f = model.resolve("layer00.expert01.onnx");
    byte[] b = Files.readAllBytes(f);
    b[b.length - 5] ^= 0x55;
    Files.write(f, b);
    Run r = selftest("--shards", model.toString());
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("layer00.expert01") && l.contains("SHA-256 mismatch")),
        r.out());
  }

  @Test
  void aManifestWithoutReferencesCannotPass(@TempDir Path tmp) throws Exception {
    Path model = copyOfTiny(tmp);
    ObjectNode manifest = (ObjectNode) JSON.readTree(model.resolve("manifest.json").toFile());
    for (JsonNode s : manifest.get("shards")) {
      ((ObjectNode) s).remove("reference");
    }
    Files.writeString(model.resolve("manifest.json"), manifest.toString());
    Run r = selftest("--shards", model.toString());
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("no reference outputs"), r.out());
  }

  @Test
  void theConfiguredSatellitesChooseTheirShardsFromThePlan(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    copyOfTiny(data);
    Files.write(data.resolve("plan.json"), PlanJson.toBytes(tinyPlan()));
    Path config = tmp.resolve("board.yml");
    Files.writeString(config, "spacemoe:\n  onboard:\n    satellites: [p00s00, p01s06]\n    data-dir: " + data
        + "\n    intra-op-threads: 2\n");
    Path json = tmp.resolve("r.json");
    Run r = selftest("--config", config.toString(), "--json", json.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    Set<String> names = new TreeSet<>();
    JSON.readTree(json.toFile()).get("shards").forEach(s -> names.add(s.get("shard").asText()));
    // p00s00: layer 0's gateway (with the embedding); p01s06: layer 1's expert 0
    assertEquals(Set.of("embed", "layer00.gateway", "layer01.expert00"), names);
    assertTrue(r.out().contains("intra-op threads 2"), r.out());
    assertTrue(System.getProperty("micronaut.config.files") == null, "no configuration leaks into this JVM");
  }

  @Test
  void aPlanDirectoryOfThePlanStoreLayoutIsTakenWithPlanDir(@TempDir Path tmp) throws Exception {
    Path planDir = tmp.resolve("data").resolve("store").resolve("plans").resolve("1");
    copyOfTiny(planDir);
    Files.write(planDir.resolve("plan.json"), PlanJson.toBytes(tinyPlan()));
    Path config = tmp.resolve("board.yml");
    Files.writeString(config, "spacemoe:\n  onboard:\n    satellites: [p00s06]\n    data-dir: " + tmp.resolve("data")
        + "\n");
    Path json = tmp.resolve("r.json");
    Run r = selftest("--config", config.toString(), "--plan-dir", planDir.toString(), "--json", json.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    Set<String> names = new TreeSet<>();
    JSON.readTree(json.toFile()).get("shards").forEach(s -> names.add(s.get("shard").asText()));
    assertEquals(Set.of("layer01.gateway", "head"), names, "the last layer's gateway carries the head");

    r = selftest("--config", config.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("give --plan-dir DIR or --shards DIR"), r.err());
    r = selftest("--shards", planDir.resolve("model").toString(), "--plan-dir", planDir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: --plan-dir: cannot be combined with --shards"), r.err());
  }

  @Test
  void badInputExitsTwoWithOneLineNamingIt(@TempDir Path tmp) throws Exception {
    Run r = selftest("--shards", tmp.resolve("nope").toString());
    assertEquals(2, r.code());
    assertEquals("error: --shards: '" + tmp.resolve("nope") + "' is not a directory", r.err().trim());

    r = selftest("--shards", tmp.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().trim().startsWith("error: " + tmp.resolve("manifest.json") + ": no such file"), r.err());
    assertEquals(1, r.err().trim().lines().count());

    r = selftest("--config", tmp.resolve("missing.yml").toString());
    assertEquals(2, r.code());
    assertEquals("error: " + tmp.resolve("missing.yml") + ": no such configuration file", r.err().trim());

    Path config = tmp.resolve("c.yml");
    Files.writeString(config, "spacemoe:\n  onboard:\n    satellites: [p00s00]\n    data-dir: " + tmp + "\n");
    r = selftest("--config", config.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(tmp.resolve("plan.json") + ": no such file"), r.err());

    Files.writeString(config, "spacemoe:\n  onboard:\n    satellites: [p00s00]\n    intra-op-threads: many\n");
    r = selftest("--config", config.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("spacemoe.onboard.intra-op-threads"), r.err());

    r = selftest("--threads", "0", "--shards", tmp.toString());
    assertEquals(2, r.code());
    assertEquals("error: --threads: must be >= 1, got 0", r.err().trim());
    r = selftest("--bogus");
    assertEquals(2, r.code());
  }

  private static JsonNode findShard(JsonNode report, String name) {
    for (JsonNode s : report.get("shards")) {
      if (s.get("shard").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no shard " + name);
  }

  /** The tiny model on walker-star:planes=6,sats=12: layer 0 at slot 0, layer 1 at slot 6 of planes 0-4. */
  private static PlacementPlan tinyPlan() {
    MoeModelShape s = MoeModelShape.TINY;
    PlanInputs.ModelDims dims = new PlanInputs.ModelDims("tiny", s.layers(), s.experts(), s.topK(), s.hidden(),
        s.expertWidth(), s.vocab());
    PlanInputs inputs = new PlanInputs("walker-star:planes=6,sats=12", dims,
        new PlanInputs.DeviceSpec("sbc-2a72", 7e9, 8L << 30), "fp32", 64, 100e9, 0.12, 0.95, 200, 42L, "zipf:1.0",
        List.of(new double[] {0.4, 0.3, 0.2, 0.1}, new double[] {0.4, 0.3, 0.2, 0.1}));
    List<LayerPlacement> layers = List.of(layer(0, "p00s00", "p01s00", "p02s00", "p03s00", "p04s00"),
        layer(1, "p00s06", "p01s06", "p02s06", "p03s06", "p04s06"));
    return new PlacementPlan(PlacementPlan.SCHEMA_VERSION, 1, "hand",
        org.spacemoe.shared.constellation.ConstellationSpecs.parse("walker-star:planes=6,sats=12").id(), layers,
        new java.util.TreeMap<>(), inputs);
  }

  private static LayerPlacement layer(int l, String gateway, String... experts) {
    List<String> subnet = new ArrayList<>();
    subnet.add(gateway);
    List<List<String>> hosts = new ArrayList<>();
    for (String e : experts) {
      subnet.add(e);
      hosts.add(List.of(e));
    }
    return new LayerPlacement(l, subnet, gateway, hosts);
  }
}
