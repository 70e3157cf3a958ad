package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.cli.GroundCli;
import org.spacemoe.hil.TestBroker;

/** {@code bench --split}: a {@code ground split} result runs through a real broker, its cuts in their planned codecs, and matches the reference. */
class SplitBenchTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @Test
  @Timeout(120)
  void theTinyModelSplitOverTwoSatellitesMatchesTheReference(@TempDir Path dir) throws Exception {
    Path loss = dir.resolve("codec-loss.json");
    // a fixture, not measurements: the losses steer the planned cut codecs, which the bench then sends
    Files.writeString(loss, "{\"source\": \"FIXTURE for tests, not measured\", \"codecs\": {"
        + "\"fp32\": {\"bytesPerValue\": 4.0, \"lossPerCut\": 0.0, \"meanCosine\": 1.0, \"minCosine\": 1.0, "
        + "\"greedyAgreement\": 1.0}, \"int8\": {\"bytesPerValue\": 1.125, \"lossPerCut\": 0.0015, "
        + "\"meanCosine\": 0.9995, \"minCosine\": 0.9985, \"greedyAgreement\": 0.99}}}");
    Path split = dir.resolve("split.json");
    // 0.2 MiB holds the embedding and one tiny layer with 4 sequences' KV caches, not both layers: two stages
    int exit = GroundCli.newCommandLine().execute("split", "--model",
        "custom:layers=2,experts=4,top-k=2,hidden=32,expert-width=64,vocab=64", "--constellation",
        "walker-star:planes=6,sats=12,altitude-km=550,inclination-deg=87,phasing=1", "--chain", "p00s00,p00s01,p00s02",
        "--memory", "0.2", "--context", "64", "--accuracy-budget", "0.004", "--codec-loss", loss.toString(), "--out",
        split.toString());
    assertEquals(0, exit);

    BenchOptions t = TinyBench.options(dir.resolve("bench"), BROKER.uri(), 6, 0.05);
    BenchOptions o = new BenchOptions(t.preset(), t.newTokens(), t.prompt(), t.timeScale(), t.broker(), t.strategy(),
        t.linkEmulation(), t.computeEmulation(), t.compensateTransit(), t.slot(), t.seed(), t.zipf(), t.device(),
        t.checkHidden(), t.workDir(), false, split);
    BenchReport r = BenchRunner.run(o, n -> { });
    String summary = "tokens=" + r.tokens() + " errors=" + r.errors() + " drops=" + r.droppedFrames() + " settings="
        + r.settings();
    assertTrue(r.matchesReference(), summary);
    assertEquals(6, r.tokens(), summary);
    assertEquals(2, r.settings().get("satellites"), summary);
    @SuppressWarnings("unchecked")
    Map<String, Object> s = (Map<String, Object>) r.settings().get("split");
    assertEquals(List.of("p00s00", "p00s01"), s.get("stageSatellites"), summary);
    // the one cut (layer 0 | layer 1) goes on the wire in the codec the split planned for it
    assertEquals(s.get("plannedCutCodecs"), s.get("cutCodecsOnTheWire"), summary);
    boolean lossy = !List.of("fp32").equals(s.get("plannedCutCodecs"));
    assertEquals(lossy ? "tolerance" : "exact", r.accuracy().comparison(), summary);
    @SuppressWarnings("unchecked")
    String cut = ((List<String>) s.get("plannedCutCodecs")).get(0).toUpperCase(java.util.Locale.ROOT);
    Map<String, Long> hidden = r.accuracy().framesByKindAndCodec().entrySet().stream()
        .filter(e -> e.getKey().startsWith("HIDDEN/"))
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertEquals(java.util.Set.of("HIDDEN/" + cut), hidden.keySet(),
        "every hidden state across the cut in its planned codec: " + r.accuracy());
    // one per step, plus any frame re-sent after a missed acknowledgement on a loaded machine
    assertTrue(hidden.get("HIDDEN/" + cut) >= TinyBench.PROMPT.length + 6 - 1, r.accuracy().toString());
    // the two stages' gateways and experts on one satellite exchange their frames inside the process
    assertTrue(r.accuracy().framesByKindAndCodec().keySet().stream().noneMatch(k -> k.startsWith("EXPERT_")),
        "expert frames between roles on one satellite crossed the broker: " + r.accuracy());
    System.out.println("split bench: cut codec " + cut + ", " + r.accuracy());
    assertTrue(r.droppedFrames().isEmpty(), summary);
  }
}
