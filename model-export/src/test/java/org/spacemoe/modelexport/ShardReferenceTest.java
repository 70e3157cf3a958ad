package org.spacemoe.modelexport;

import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.model.onnx.ShardKind;
import org.spacemoe.shared.model.onnx.ShardProbe;
import org.spacemoe.shared.model.onnx.ShardReference;
import org.spacemoe.shared.model.onnx.WeightFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardReferenceTest {
  @Test
  void everyExportedShardCarriesAReferenceOfItsOutputs(@TempDir Path dir) throws Exception {
    ModelManifest m = MoeModelExporter.export(MoeModelShape.TINY, 7, 1, WeightFormat.FP32, dir);
    for (ShardEntry s : m.shards()) {
      ShardReference r = s.reference();
      assertNotNull(r, s.name());
      assertEquals(ShardProbe.seedFor(7, s.name()), r.seed());
      assertEquals(new TreeSet<>(ShardContract.outputs(s.kind())), r.outputs().keySet(), s.name());
      assertTrue(r.tolerance() >= ShardReference.RELATIVE_TOLERANCE, s.name());
    }
    ShardReference gw = m.gateway(0).reference();
    assertEquals(32, gw.outputs().get(ShardContract.GATEWAY_ATTN_OUT).count());
    assertEquals(4, gw.outputs().get(ShardContract.GATEWAY_ROUTER_LOGITS).count());
    assertEquals(4, gw.outputs().get(ShardContract.GATEWAY_ROUTER_LOGITS).sample().size());
    assertEquals(2 * 32, gw.outputs().get(ShardContract.GATEWAY_PRESENT_KEY).count(), "past token + this one");
    assertEquals(64, m.head().reference().outputs().get(ShardContract.HEAD_LOGITS).count());
  }

  @Test
  void theEmbedReferenceIsTheTableRowOfTheProbeToken(@TempDir Path dir) throws Exception {
    ModelManifest m = MoeModelExporter.export(MoeModelShape.TINY, 7, 1, WeightFormat.FP32, dir);
    ShardReference r = m.embed().reference();
    long token = ShardProbe.inputs(ShardKind.EMBED, MoeModelShape.TINY, r.seed()).get(ShardContract.EMBED_TOKEN_IDS)
        .longs()[0];
    float[] table = OnnxTensors.weight(ModelProto.parseFrom(Files.readAllBytes(dir.resolve(m.embed().file()))),
        "table");
    ShardReference.OutputSample hidden = r.outputs().get(ShardContract.EMBED_HIDDEN);
    for (int j = 0; j < hidden.sample().size(); j++) {
      int i = ShardReference.sampleIndex(j, hidden.sample().size(), 32);
      assertEquals(table[(int) token * 32 + i], hidden.sample().get(j), 0.0);
    }
  }

  @Test
  void fp16WeightsGiveAReferenceCloseToFp32() throws Exception {
    // the same seed's weights rounded to half precision: outputs move by about 1e-3 relative, not more
    Path a = Files.createTempDirectory("ref32");
    Path b = Files.createTempDirectory("ref16");
    ModelManifest m32 = MoeModelExporter.export(MoeModelShape.TINY, 7, 1, WeightFormat.FP32, a);
    ModelManifest m16 = MoeModelExporter.export(MoeModelShape.TINY, 7, 1, WeightFormat.FP16, b);
    List<Double> y32 = m32.expert(1, 2).reference().outputs().get("y").sample();
    List<Double> y16 = m16.expert(1, 2).reference().outputs().get("y").sample();
    assertNotEquals(y32, y16);
    for (int j = 0; j < y32.size(); j++) {
      assertEquals(y32.get(j), y16.get(j), 0.02 * (1 + Math.abs(y32.get(j))));
    }
  }

  @Test
  void probeInputsDependOnTheSeedOnly() {
    Map<String, ShardProbe.Tensor> a = ShardProbe.inputs(ShardKind.GATEWAY, MoeModelShape.TINY, 42);
    Map<String, ShardProbe.Tensor> b = ShardProbe.inputs(ShardKind.GATEWAY, MoeModelShape.TINY, 42);
    Map<String, ShardProbe.Tensor> c = ShardProbe.inputs(ShardKind.GATEWAY, MoeModelShape.TINY, 43);
    assertEquals(ShardContract.inputs(ShardKind.GATEWAY), List.copyOf(a.keySet()));
    for (String name : a.keySet()) {
      assertArrayEquals(a.get(name).floats(), b.get(name).floats(), name);
      assertFalse(java.util.Arrays.equals(a.get(name).floats(), c.get(name).floats()), name);
      assertArrayEquals(new long[] {1, 32}, a.get(name).shape(), name); // past: PAST_TOKENS = 1 row
    }
    // pinned: the probe is part of the manifest format (a changed probe would fail every older manifest)
    assertEquals(0.5571652f, a.get(ShardContract.GATEWAY_HIDDEN).floats()[0], 0f);
    assertEquals(61, ShardProbe.inputs(ShardKind.EMBED, MoeModelShape.TINY, 42).get("token_ids").longs()[0]);
  }

  @Test
  void compareReportsTheLargestDifferenceAndWhere() {
    double[] y = new double[100];
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.sin(i);
    }
    ShardReference r = ShardReference.of(1, Map.of("y", y));
    assertEquals(ShardReference.RELATIVE_TOLERANCE * (1 + 1.0), r.tolerance(), 1e-5, "largest |sin i| is about 1");
    float[] same = new float[100];
    for (int i = 0; i < y.length; i++) {
      same[i] = (float) y[i];
    }
    ShardReference.Comparison ok = r.compare(Map.of("y", same));
    assertTrue(ok.passed());
    assertTrue(ok.maxAbsDiff() < 1e-7, "fp32 rounding only: " + ok.maxAbsDiff());

    float[] off = same.clone();
    int sampled = ShardReference.sampleIndex(3, ShardReference.SAMPLES, 100);
    off[sampled] += 0.5f;
    ShardReference.Comparison bad = r.compare(Map.of("y", off));
    assertFalse(bad.passed());
    assertEquals(0.5, bad.maxAbsDiff(), 1e-6);
    assertEquals("y[" + sampled + "]", bad.worst());

    float[] unsampledOff = same.clone();
    unsampledOff[1] += 100f; // not a sampled index: caught by the mean of absolute values
    ShardReference.Comparison mean = r.compare(Map.of("y", unsampledOff));
    assertFalse(mean.passed());
    assertEquals("y.meanAbs", mean.worst());

    float[] nan = same.clone();
    nan[0] = Float.NaN;
    assertFalse(r.compare(Map.of("y", nan)).passed());
    assertEquals("output y has 99 elements, the reference 100",
        r.compare(Map.of("y", java.util.Arrays.copyOf(same, 99))).problem());
    assertEquals("output y is missing", r.compare(Map.of()).problem());
  }

  @Property(tries = 200)
  void aShiftWithinTheToleranceIsAcceptedOneBeyondItIsNot(@ForAll("outputs") double[] y,
      @ForAll @DoubleRange(min = 0.0, max = 0.9) double within, @ForAll @DoubleRange(min = 1.5, max = 100) double beyond) {
    ShardReference r = ShardReference.of(5, Map.of("y", y));
    float[] a = new float[y.length];
    float[] b = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      // fp32 rounding of the reference itself stays far below 0.1 of the tolerance for these magnitudes
      a[i] = (float) (y[i] + within * r.tolerance());
      b[i] = (float) (y[i] + beyond * r.tolerance());
    }
    assertTrue(r.compare(Map.of("y", a)).passed());
    assertFalse(r.compare(Map.of("y", b)).passed());
  }

  @Property(tries = 100)
  void referencesSurviveTheManifestJson(@ForAll("references") ShardReference ref) throws Exception {
    ModelManifest base = tinyManifest();
    List<ShardEntry> shards = new java.util.ArrayList<>(base.shards());
    ShardEntry e = shards.get(2); // an expert
    ShardReference asExpert = new ShardReference(ref.seed(), ref.tolerance(), Map.of("y",
        ref.outputs().values().iterator().next()));
    shards.set(2, new ShardEntry(e.name(), e.file(), e.kind(), e.layer(), e.expert(), e.sha256(), e.bytes(),
        e.flopsPerToken(), e.flopsPerContextToken(), e.inputs(), e.outputs(), asExpert));
    ModelManifest m = new ModelManifest(base.format(), base.version(), base.preset(), base.shape(), base.seed(),
        base.zipf(), base.weights(), base.opset(), base.irVersion(), base.routerBiasScale(), shards);
    byte[] json = m.toJson();
    ModelManifest back = ModelManifest.parse("m.json", json);
    assertEquals(m, back);
    assertArrayEquals(json, back.toJson());
  }

  @Provide
  Arbitrary<double[]> outputs() {
    return Arbitraries.doubles().between(-50, 50).array(double[].class).ofMinSize(1).ofMaxSize(40);
  }

  @Provide
  Arbitrary<ShardReference> references() {
    Arbitrary<double[]> values = Arbitraries.doubles().between(-1e6, 1e6).array(double[].class).ofMinSize(1)
        .ofMaxSize(30);
    return Combinators.combine(Arbitraries.longs(), values).as((seed, v) -> ShardReference.of(seed, Map.of("y", v)));
  }

  private static ModelManifest tiny;

  private static synchronized ModelManifest tinyManifest() throws Exception {
    if (tiny == null) {
      tiny = MoeModelExporter.export(MoeModelShape.TINY, 3, 1, WeightFormat.FP32, Files.createTempDirectory("tinyref"));
    }
    return tiny;
  }
}
