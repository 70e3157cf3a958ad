package org.spacemoe.modelexport;

import org.spacemoe.shared.frame.HalfFloat;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.model.onnx.WeightFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.model.MoeModel;

class MoeModelExporterTest {
  private static final MoeModelShape TINY = MoeModelShape.TINY;

  @TempDir Path tmp;

  @Test
  void writesEveryShardAndAManifestThatReadsBack() throws Exception {
    Path dir = tmp.resolve("tiny");
    ModelManifest m = MoeModelExporter.export(TINY, 7, 1.0, WeightFormat.FP32, dir);
    assertEquals(ModelManifest.expectedNames(TINY),
        m.shards().stream().map(ShardEntry::name).collect(Collectors.toList()));
    assertEquals(2 + TINY.layers() * (TINY.experts() + 1), m.shards().size());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(m.shards().size() + 1, files.count(), "shards + manifest, no temporary files");
    }
    for (ShardEntry s : m.shards()) {
      byte[] bytes = Files.readAllBytes(dir.resolve(s.file()));
      assertEquals(s.bytes(), bytes.length, s.name());
      assertEquals(s.sha256(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
      ModelProto model = ModelProto.parseFrom(bytes);
      assertEquals(ShardContract.IR_VERSION, model.getIrVersion());
      assertEquals(ShardContract.OPSET, model.getOpsetImport(0).getVersion());
      assertEquals(s.name(), model.getGraph().getName());
      assertEquals(s.inputs(), names(model.getGraph().getInputList()));
      assertEquals(s.outputs(), names(model.getGraph().getOutputList()));
      assertEquals(ShardContract.inputs(s.kind()), s.inputs());
    }
    assertEquals(m, ModelManifest.read(dir));
    assertEquals(m, ModelManifest.read(dir.resolve(ShardContract.MANIFEST_FILE)));
    assertArrayEquals(m.toJson(), Files.readAllBytes(dir.resolve(ShardContract.MANIFEST_FILE)));
  }

  @Test
  void oneExpertAloneIsTheSameShardAsInTheFullExport() throws Exception {
    for (WeightFormat f : WeightFormat.values()) {
      ModelManifest full = MoeModelExporter.export(TINY, 5, 1.0, f, tmp.resolve("full-" + f.wireName()));
      Path one = tmp.resolve("one-" + f.wireName());
      ShardEntry alone = MoeModelExporter.exportExpert(TINY, 1, 2, 5, f, one);
      assertEquals(full.expert(1, 2), alone);
      try (Stream<Path> files = Files.list(one)) {
        assertEquals(List.of(one.resolve(alone.file())), files.collect(Collectors.toList()));
      }
    }
  }

  @Test
  void flopsFollowTheMoeModelFormulas() throws Exception {
    ModelManifest m = MoeModelExporter.export(TINY, 1, 0, WeightFormat.FP32, tmp);
    MoeModel planner = TINY.toMoeModel();
    assertEquals(0, m.embed().flopsPerToken());
    assertEquals(planner.gatewayFlops(0), m.gateway(1).flopsPerToken());
    assertEquals(planner.gatewayFlops(10) - planner.gatewayFlops(0), 10 * m.gateway(1).flopsPerContextToken());
    assertEquals(planner.expertFlops(), m.expert(1, 3).flopsPerToken());
    assertEquals(planner.headFlops(), m.head().flopsPerToken());
    assertEquals(1, m.gateway(1).layer());
    assertEquals(3, m.expert(1, 3).expert());
  }

  @Test
  void theSizeEstimateIsClose() throws Exception {
    for (WeightFormat w : WeightFormat.values()) {
      ModelManifest m = MoeModelExporter.export(TINY, 1, 1, w, tmp.resolve(w.wireName()));
      double ratio = MoeModelExporter.estimatedBytes(TINY, w) / (double) m.totalBytes();
      assertTrue(ratio > 0.95 && ratio < 1.4, w + ": estimate / actual = " + ratio);
    }
    // the paper preset: 6.74 billion weights, 4.33 billion of them in the 256 experts
    assertEquals(6_739_464_448L, MoeModelExporter.parameters(MoeModelShape.PAPER));
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherWeights() throws Exception {
    ModelManifest a = MoeModelExporter.export(TINY, 42, 1.2, WeightFormat.FP32, tmp.resolve("a"));
    ModelManifest b = MoeModelExporter.export(TINY, 42, 1.2, WeightFormat.FP32, tmp.resolve("b"));
    ModelManifest c = MoeModelExporter.export(TINY, 43, 1.2, WeightFormat.FP32, tmp.resolve("c"));
    assertArrayEquals(a.toJson(), b.toJson());
    for (ShardEntry s : a.shards()) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(s.file())),
          Files.readAllBytes(tmp.resolve("b").resolve(s.file())), s.name());
      assertNotEquals(s.sha256(), c.shard(s.name()).sha256(), s.name());
    }
    assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(ShardContract.MANIFEST_FILE)),
        Files.readAllBytes(tmp.resolve("b").resolve(ShardContract.MANIFEST_FILE)));
  }

  @Test
  void fp16StoresHalfsAndCastsThem() throws Exception {
    ModelManifest m32 = MoeModelExporter.export(TINY, 5, 1, WeightFormat.FP32, tmp.resolve("32"));
    ModelManifest m16 = MoeModelExporter.export(TINY, 5, 1, WeightFormat.FP16, tmp.resolve("16"));
    assertEquals(WeightFormat.FP16, m16.weights());
    ShardEntry e16 = m16.expert(0, 0);
    double ratio = e16.bytes() / (double) m32.expert(0, 0).bytes();
    assertTrue(ratio > 0.45 && ratio < 0.55, "fp16 expert is about half the size: " + ratio);
    ModelProto model = ModelProto.parseFrom(Files.readAllBytes(tmp.resolve("16").resolve(e16.file())));
    TensorProto w1 = model.getGraph().getInitializerList().stream().filter(t -> t.getName().equals("w1_fp16"))
        .findFirst().orElseThrow();
    assertEquals(TensorProto.DataType.FLOAT16_VALUE, w1.getDataType());
    assertTrue(model.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("Cast")
        && n.getOutput(0).equals("w1")));
    // same streams: the fp16 weights are the fp32 weights rounded
    ModelProto m = ModelProto.parseFrom(Files.readAllBytes(tmp.resolve("32").resolve(m32.expert(0, 0).file())));
    float[] full = OnnxTensors.floats(m.getGraph().getInitializerList().stream()
        .filter(t -> t.getName().equals("w1")).findFirst().orElseThrow());
    float[] half = OnnxTensors.floats(w1);
    for (int i = 0; i < full.length; i++) {
      assertEquals(HalfFloat.toFloat(HalfFloat.fromFloat(full[i])), half[i]);
    }
  }

  @Test
  void hiddenStatesStartUnitSizedAndRouterBiasIsZipf() throws Exception {
    ModelManifest m = MoeModelExporter.export(TINY, 9, 1.0, WeightFormat.FP32, tmp);
    ModelProto embed = ModelProto.parseFrom(Files.readAllBytes(tmp.resolve(m.embed().file())));
    float[] table = OnnxTensors.floats(embed.getGraph().getInitializer(0));
    double sq = 0;
    for (float v : table) {
      sq += v * v;
    }
    assertEquals(1.0, Math.sqrt(sq / table.length), 0.05, "embedding RMS");
    ModelProto gw = ModelProto.parseFrom(Files.readAllBytes(tmp.resolve(m.gateway(0).file())));
    float[] br = OnnxTensors.floats(gw.getGraph().getInitializerList().stream()
        .filter(t -> t.getName().equals("br")).findFirst().orElseThrow());
    assertEquals(0f, br[0]);
    for (int e = 1; e < br.length; e++) {
      assertTrue(br[e] < br[e - 1], "bias decreases with the expert index");
      assertEquals(m.routerBiasScale() * Math.log(1.0 / (e + 1)), br[e], 1e-6);
    }
  }

  @Test
  void unfinishedExportHasNoManifest() throws Exception {
    MoeModelExporter.export(TINY, 1, 1, WeightFormat.FP32, tmp);
    assertTrue(Files.exists(tmp.resolve(ShardContract.MANIFEST_FILE)));
    int[] calls = {0};
    try {
      MoeModelExporter.export(TINY, 2, 1, WeightFormat.FP32, tmp, (s, i, n) -> {
        if (++calls[0] == 3) {
          throw new IllegalStateException("interrupted");
        }
      });
    } catch (IllegalStateException expected) {
      // the listener stopped the export after three shards
    }
    assertFalse(Files.exists(tmp.resolve(ShardContract.MANIFEST_FILE)), "a stale manifest is removed first");
  }

  private static List<String> names(List<ValueInfoProto> infos) {
    return infos.stream().map(ValueInfoProto::getName).collect(Collectors.toList());
  }
}
