package org.spacemoe.modelexport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.model.onnx.ShardKind;
import org.spacemoe.shared.model.onnx.ShardProbe;
import org.spacemoe.shared.model.onnx.WeightFormat;

/** The tensor-parallel shards of an export: names, entries, slices of the unsplit weights, unchanged the rest. */
class TensorParallelExportTest {
  private static final MoeModelShape TINY = MoeModelShape.TINY;
  /** 5 heads (not divisible by 2, 3 or 4) and a vocabulary of 37. */
  private static final MoeModelShape ODD = new MoeModelShape("odd", 1, 2, 1, 30, 16, 37, 5);

  @TempDir Path tmp;

  @Test
  void withoutWidthsTheExportIsByteForByteTheOneBeforeTensorParallelism() throws Exception {
    for (WeightFormat f : WeightFormat.values()) {
      Path dir = tmp.resolve(f.wireName());
      MoeModelExporter.export(TINY, 5, 1.0, f, dir, Set.of(), (s, i, n) -> { });
      byte[] golden;
      try (InputStream in = getClass().getResourceAsStream("tiny-seed5-" + f.wireName() + "-manifest.json")) {
        golden = in.readAllBytes();
      }
      assertArrayEquals(golden, Files.readAllBytes(dir.resolve(ShardContract.MANIFEST_FILE)), f.wireName());
    }
  }

  @Test
  void widthsAddPartsCombinesAndSlicesAndLeaveTheOtherShardsAlone() throws Exception {
    ModelManifest plain = MoeModelExporter.export(TINY, 5, 1.0, WeightFormat.FP16, tmp.resolve("plain"));
    List<String> told = new ArrayList<>();
    int[] totals = new int[1];
    Path dir = tmp.resolve("split");
    ModelManifest m = MoeModelExporter.export(TINY, 5, 1.0, WeightFormat.FP16, dir, Set.of(4, 2, 3),
        (s, i, n) -> {
          assertEquals(told.size(), i);
          told.add(s.name());
          totals[0] = n;
        });
    int expected = plain.shards().size() + (TINY.layers() + 1) * 9 + TINY.layers();
    assertEquals(expected, m.shards().size());
    assertEquals(expected, totals[0]);
    assertEquals(expected, MoeModelExporter.shardCount(TINY, Set.of(2, 3, 4)));
    assertEquals(told, m.shards().stream().map(ShardEntry::name).toList());
    for (ShardEntry s : plain.shards()) {
      assertEquals(s, m.shard(s.name()), "same bytes and entry: " + s.name());
    }
    assertEquals(m, ModelManifest.read(dir));
    List<String> names = new ArrayList<>();
    for (int l = 0; l < TINY.layers(); l++) {
      names.add(ShardContract.gatewayName(l));
      for (int e = 0; e < TINY.experts(); e++) {
        names.add(ShardContract.expertName(l, e));
      }
      for (int k = 2; k <= 4; k++) {
        for (int p = 0; p < k; p++) {
          names.add(String.format("layer%02d.attn-w%d-p%d", l, k, p));
          ShardEntry e = m.attentionPart(l, k, p);
          assertEquals(ShardKind.ATTENTION_PART, e.kind());
          assertEquals(List.of(l, k, p), List.of(e.layer(), e.width(), e.part()));
          assertTrue(Files.isRegularFile(dir.resolve(e.file())));
        }
      }
      names.add(String.format("layer%02d.combine", l));
      assertEquals(l, m.combine(l).layer());
    }
    names.add(0, "embed");
    names.add("head");
    for (int k = 2; k <= 4; k++) {
      for (int p = 0; p < k; p++) {
        names.add(String.format("head-w%d-p%d", k, p));
        assertEquals(ShardKind.HEAD_SLICE, m.headSlice(k, p).kind());
      }
    }
    assertEquals(names, told);
    double partFlops = 0;
    for (int p = 0; p < 3; p++) {
      partFlops += m.attentionPart(0, 3, p).flopsPerToken();
    }
    assertEquals(8.0 * TINY.hidden() * TINY.hidden(), partFlops, 1e-6);
    assertEquals(2.0 * TINY.hidden() * TINY.experts(), m.combine(0).flopsPerToken());
    assertEquals(m.head().flopsPerToken(), m.headSlice(2, 0).flopsPerToken() + m.headSlice(2, 1).flopsPerToken(),
        1e-6);
  }

  @Test
  void partWeightsAreSlicesOfTheGatewaysAndSlicesOfTheHeads() throws Exception {
    Path dir = tmp.resolve("odd");
    ModelManifest m = MoeModelExporter.export(ODD, 9, 1.0, WeightFormat.FP32, dir, Set.of(3), (s, i, n) -> { });
    ModelProto gw = model(dir, m.gateway(0));
    int d = ODD.hidden();
    int dh = ODD.headDim();
    for (int p = 0; p < 3; p++) {
      ModelProto part = model(dir, m.attentionPart(0, 3, p));
      int c0 = ShardContract.shareStart(ODD.heads(), 3, p) * dh;
      int c1 = ShardContract.shareEnd(ODD.heads(), 3, p) * dh;
      for (String w : List.of("wq", "wk", "wv")) {
        float[] full = OnnxTensors.weight(gw, w);
        float[] slice = OnnxTensors.weight(part, w);
        assertEquals(d * (c1 - c0), slice.length);
        for (int r = 0; r < d; r++) {
          for (int c = c0; c < c1; c++) {
            assertEquals(full[r * d + c], slice[r * (c1 - c0) + c - c0], w);
          }
        }
      }
      float[] wo = OnnxTensors.weight(gw, "wo");
      float[] rows = OnnxTensors.weight(part, "wo");
      for (int i = 0; i < rows.length; i++) {
        assertEquals(wo[c0 * d + i], rows[i]);
      }
      assertArrayEquals(OnnxTensors.weight(gw, "norm1"), OnnxTensors.weight(part, "norm1"));
    }
    ModelProto combine = model(dir, m.combine(0));
    for (String w : List.of("norm2", "wr", "br")) {
      assertArrayEquals(OnnxTensors.weight(gw, w), OnnxTensors.weight(combine, w), w);
    }
    float[] lm = OnnxTensors.weight(model(dir, m.head()), "lm");
    int v = ODD.vocab();
    for (int p = 0; p < 3; p++) {
      float[] slice = OnnxTensors.weight(model(dir, m.headSlice(3, p)), "lm");
      int v0 = ShardContract.shareStart(v, 3, p);
      int v1 = ShardContract.shareEnd(v, 3, p);
      for (int r = 0; r < d; r++) {
        for (int c = v0; c < v1; c++) {
          assertEquals(lm[r * v + c], slice[r * (v1 - v0) + c - v0]);
        }
      }
    }
  }

  @Test
  void theReferenceForwardOfPartsAndCombineIsTheGatewaysInDoublePrecision() throws Exception {
    Path dir = tmp.resolve("odd4");
    ModelManifest m = MoeModelExporter.export(ODD, 2, 1.0, WeightFormat.FP32, dir, Set.of(2, 3, 4), (s, i, n) -> { });
    int d = ODD.hidden();
    int dh = ODD.headDim();
    int past = 3;
    SplittableRandom rnd = new SplittableRandom(11);
    float[] hidden = gaussian(rnd, d);
    float[] pastK = gaussian(rnd, past * d);
    float[] pastV = gaussian(rnd, past * d);
    Map<String, ShardProbe.Tensor> in = new LinkedHashMap<>();
    in.put(ShardContract.GATEWAY_HIDDEN, new ShardProbe.Tensor(new long[] {1, d}, hidden, null));
    in.put(ShardContract.GATEWAY_PAST_KEY, new ShardProbe.Tensor(new long[] {past, d}, pastK, null));
    in.put(ShardContract.GATEWAY_PAST_VALUE, new ShardProbe.Tensor(new long[] {past, d}, pastV, null));
    Map<String, double[]> want = ShardReferenceForward.outputs(ShardKind.GATEWAY, ODD, model(dir, m.gateway(0)), in);
    for (int k = 2; k <= 4; k++) {
      double[] sum = new double[d];
      for (int p = 0; p < k; p++) {
        int c0 = ShardContract.shareStart(ODD.heads(), k, p) * dh;
        int c1 = ShardContract.shareEnd(ODD.heads(), k, p) * dh;
        Map<String, ShardProbe.Tensor> pin = new HashMap<>();
        pin.put(ShardContract.PART_HIDDEN, in.get(ShardContract.GATEWAY_HIDDEN));
        pin.put(ShardContract.PART_PAST_KEY, new ShardProbe.Tensor(new long[] {past, c1 - c0},
            columns(pastK, d, c0, c1), null));
        pin.put(ShardContract.PART_PAST_VALUE, new ShardProbe.Tensor(new long[] {past, c1 - c0},
            columns(pastV, d, c0, c1), null));
        Map<String, double[]> got = ShardReferenceForward.outputs(ShardKind.ATTENTION_PART, ODD,
            model(dir, m.attentionPart(0, k, p)), pin);
        double[] partial = got.get(ShardContract.PART_ATTN_PARTIAL);
        for (int i = 0; i < d; i++) {
          sum[i] += partial[i];
        }
        double[] keys = got.get(ShardContract.PART_PRESENT_KEY);
        double[] allKeys = want.get(ShardContract.GATEWAY_PRESENT_KEY);
        for (int t = 0; t <= past; t++) {
          for (int c = c0; c < c1; c++) {
            assertEquals(allKeys[t * d + c], keys[t * (c1 - c0) + c - c0], 1e-12);
          }
        }
      }
      float[] delta = new float[d];
      for (int i = 0; i < d; i++) {
        delta[i] = (float) sum[i];
      }
      Map<String, ShardProbe.Tensor> cin = new HashMap<>();
      cin.put(ShardContract.COMBINE_HIDDEN, in.get(ShardContract.GATEWAY_HIDDEN));
      cin.put(ShardContract.COMBINE_ATTN_DELTA, new ShardProbe.Tensor(new long[] {1, d}, delta, null));
      Map<String, double[]> got = ShardReferenceForward.outputs(ShardKind.COMBINE, ODD, model(dir, m.combine(0)),
          cin);
      for (String out : ShardContract.outputs(ShardKind.COMBINE)) {
        assertArrayEquals(want.get(out), got.get(out), 1e-6, out + " width " + k);
      }
    }
  }

  @Test
  void everyNewShardCarriesAReferenceOfItsProbe() throws Exception {
    ModelManifest m = MoeModelExporter.export(ODD, 1, 0, WeightFormat.FP32, tmp.resolve("ref"), Set.of(2),
        (s, i, n) -> { });
    ShardEntry part = m.attentionPart(0, 2, 1);
    assertNotNull(part.reference());
    int dp = (ShardContract.shareEnd(5, 2, 1) - ShardContract.shareStart(5, 2, 1)) * ODD.headDim();
    assertEquals((ShardProbe.PAST_TOKENS + 1) * dp,
        part.reference().outputs().get(ShardContract.PART_PRESENT_KEY).count());
    assertEquals(ShardContract.shareEnd(37, 2, 0), m.headSlice(2, 0).reference().outputs()
        .get(ShardContract.HEAD_LOGITS).count());
    assertEquals(ODD.experts(), m.combine(0).reference().outputs().get(ShardContract.GATEWAY_ROUTER_LOGITS).count());
  }

  @Test
  void widthsOutsideTwoToFourOrAboveTheHeadsAreRefusedNamingTheOption() {
    for (Set<Integer> bad : List.of(Set.of(1), Set.of(2, 5), Set.of(0))) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> MoeModelExporter.export(TINY, 1, 1.0, WeightFormat.FP32, tmp.resolve("bad"), bad, (s, i, n) -> { }));
      assertTrue(e.getMessage().startsWith("--tensor-parallel-widths: each width must be in 2..4"), e.getMessage());
    }
    MoeModelShape twoHeads = new MoeModelShape("two", 1, 2, 1, 8, 8, 8, 2);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> MoeModelExporter.export(twoHeads, 1, 1.0, WeightFormat.FP32, tmp.resolve("bad"), Set.of(3),
            (s, i, n) -> { }));
    assertEquals("--tensor-parallel-widths: width 3 exceeds the 2 attention heads of two", e.getMessage());
  }

  private static ModelProto model(Path dir, ShardEntry e) throws IOException {
    return ModelProto.parseFrom(Files.readAllBytes(dir.resolve(e.file())));
  }

  private static float[] gaussian(SplittableRandom rnd, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return v;
  }

  private static float[] columns(float[] m, int cols, int c0, int c1) {
    int rows = m.length / cols;
    float[] out = new float[rows * (c1 - c0)];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(m, r * cols + c0, out, r * (c1 - c0), c1 - c0);
    }
    return out;
  }
}
