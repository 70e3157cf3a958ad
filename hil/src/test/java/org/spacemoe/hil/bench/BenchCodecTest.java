package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.shared.model.HiddenStateCodec;
import org.spacemoe.shared.plan.LinkClass;
import org.spacemoe.shared.plan.PlanJson;

/**
 * The tiny bench with lossy activation codecs through a real broker: the plan names the codec, the runtime sends
 * every activation in it (payload bytes per value as the format says, measured on the wire), the hidden states
 * differ from fp32 (so the codec really ran) yet stay within the tolerance, and the codec-loss file has the
 * contract's fields.
 */
class BenchCodecTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  private static BenchReport run(Path dir, HiddenStateCodec codec) throws Exception {
    BenchOptions o = TinyBench.options(dir, BROKER.uri(), 8, 0.05).withCodec(codec, dir);
    return BenchRunner.run(o, n -> { });
  }

  @Test
  @Timeout(180)
  void int8AndFp16RunsAreLossyButWithinToleranceWithTheirPayloadSizes(@TempDir Path dir) throws Exception {
    int hidden = TinyBench.prepare(dir.resolve("shape")).workspace.manifest().shape().hidden();
    BenchReport i8 = run(dir.resolve("int8"), HiddenStateCodec.INT8);
    BenchReport f16 = run(dir.resolve("fp16"), HiddenStateCodec.FP16);

    assertEquals("int8", PlanJson.read(dir.resolve("int8/data/plan.json")).linkCodecs().defaultCodec());
    assertEquals(org.spacemoe.shared.frame.TensorCodec.INT8,
        PlanJson.read(dir.resolve("int8/data/plan.json")).codecFor(LinkClass.EXPERT_RESPONSE, 0));
    for (BenchReport r : List.of(i8, f16)) {
      CodecAccuracy a = r.accuracy();
      String summary = a + " errors=" + r.errors() + " drops=" + r.droppedFrames();
      assertTrue(r.matchesReference(), summary);
      assertEquals("tolerance", a.comparison(), summary);
      assertEquals(8, r.tokens(), summary);
      assertEquals(8, a.tokensCompared(), summary);
      assertTrue(a.hiddenStatesCompared() > 0 && a.activationFrames() > a.hiddenStatesCompared(), summary);
      assertTrue(a.maxHiddenAbsDiff() > 0, "a lossy codec changes the hidden states: " + summary);
      assertTrue(a.minCosine() < 1 && a.minCosine() >= CodecAccuracy.MIN_COSINE, summary);
      assertTrue(a.p1Cosine() >= a.minCosine() && a.meanCosine() >= a.p1Cosine(), summary);
      assertTrue(r.droppedFrames().isEmpty(), summary);
    }
    // payload per value from the format: int8 = 1 byte + one fp32 scale per row of `hidden` values; fp16 = 2
    assertEquals((hidden + 4.0) / hidden, i8.accuracy().payloadBytesPerValue(), 1e-12);
    assertEquals(4.0 * hidden / (hidden + 4.0), i8.accuracy().fp32OverThis(), 1e-9);
    assertEquals(2.0, f16.accuracy().payloadBytesPerValue(), 1e-12);
    assertTrue(i8.accuracy().wireBytesPerToken() < f16.accuracy().wireBytesPerToken(), "int8 sends fewer bytes");
    assertTrue(i8.accuracy().minCosine() < f16.accuracy().minCosine(), "int8 loses more than fp16");

    BenchOptions o = TinyBench.options(dir, BROKER.uri(), 8, 0.05);
    JsonNode file = PlanJson.mapper().readTree(PlanJson.asString(CodecLossFile.of(o, List.of(f16, i8), "now")));
    assertTrue(file.get("source").asText().contains("tiny"), file.toString());
    for (String c : List.of("fp16", "int8")) {
      JsonNode e = file.get("codecs").get(c);
      for (String field : List.of("bytesPerValue", "lossPerCut", "meanCosine", "minCosine", "greedyAgreement")) {
        assertTrue(e.get(field).isNumber(), c + "." + field + " in " + file);
      }
      assertEquals(1 - e.get("minCosine").asDouble(), e.get("lossPerCut").asDouble(), 1e-15);
    }
  }
}
