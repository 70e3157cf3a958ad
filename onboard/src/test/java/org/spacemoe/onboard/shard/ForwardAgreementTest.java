package org.spacemoe.onboard.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.spacemoe.onboard.reference.ReferenceGenerator;
import org.spacemoe.shared.model.onnx.WeightFormat;

/** ONNX Runtime against an independent plain-Java forward pass of the tiny model (weights read from the files). */
class ForwardAgreementTest {
  private static final double TOLERANCE = 1e-4;

  @Test
  void everyShardComputesWhatTheDesignSays() throws Exception {
    Path dir = TinyModel.tiny(WeightFormat.FP32);
    JavaForward java = new JavaForward(dir);
    double maxDiff = 0;
    try (ModelExecutors ort = ShardLoader.open(dir).loadAll()) {
      KvCache[] caches = {new KvCache(32), new KvCache(32)};
      int[] tokens = {3, 17, 42, 5, 63, 0, 17};
      for (int token : tokens) {
        double[] hj = java.embed(token);
        float[] ho = ort.embedding().embed(token);
        maxDiff = Math.max(maxDiff, diff(hj, ho));
        for (int l = 0; l < 2; l++) {
          double[][] gj = java.gateway(l, hj);
          GatewayOutput go = ort.gateway(l).step(ho, caches[l]);
          maxDiff = Math.max(maxDiff, diff(gj[0], go.attnOut()));
          maxDiff = Math.max(maxDiff, diff(gj[1], go.moeIn()));
          maxDiff = Math.max(maxDiff, diff(gj[2], go.routerLogits()));
          // each expert on the same input (the ORT moe_in) both ways
          for (int e = 0; e < 4; e++) {
            double[] yj = java.expert(l, e, toDouble(go.moeIn()));
            maxDiff = Math.max(maxDiff, diff(yj, ort.expert(l, e).run(go.moeIn())));
          }
          // continue each side with its own numbers: top-2 by its own logits, softmax gate, residual
          int[] selJ = top2(gj[2]);
          int[] selO = org.spacemoe.shared.model.MoeMath.topK(go.routerLogits(), 2);
          assertArrayEquals(selJ, selO, "layer " + l + " token " + token);
          double[] wj = softmax(gj[2][selJ[0]], gj[2][selJ[1]]);
          double[] next = gj[0].clone();
          for (int j = 0; j < 2; j++) {
            double[] y = java.expert(l, selJ[j], gj[1]);
            for (int i = 0; i < next.length; i++) {
              next[i] += wj[j] * y[i];
            }
          }
          float[] wo = org.spacemoe.shared.model.MoeMath.gateWeights(go.routerLogits(), selO);
          float[][] ys = {ort.expert(l, selO[0]).run(go.moeIn()), ort.expert(l, selO[1]).run(go.moeIn())};
          hj = next;
          ho = org.spacemoe.shared.model.MoeMath.combine(go.attnOut(), selO, wo, ys);
          maxDiff = Math.max(maxDiff, diff(hj, ho));
        }
        maxDiff = Math.max(maxDiff, diff(java.head(hj), ort.head().logits(ho)));
      }
    }
    System.out.printf(Locale.ROOT, "tiny: plain Java vs ONNX Runtime, max abs diff over all outputs %.2e%n", maxDiff);
    assertTrue(maxDiff < TOLERANCE, "max diff " + maxDiff);
  }

  @Test
  void theReferenceGeneratorMatchesTheJavaForward() throws Exception {
    Path dir = TinyModel.tiny(WeightFormat.FP32);
    JavaForward java = new JavaForward(dir);
    ReferenceGenerator.Generation g;
    try (ModelExecutors ort = ShardLoader.open(dir).loadAll()) {
      g = new ReferenceGenerator(ort).generate(new int[] {9, 8, 7}, 6);
    }
    double maxDiff = 0;
    int token = 9;
    int[] prompt = {9, 8, 7};
    int[] generated = new int[6];
    for (int p = 0; p < g.steps().size(); p++) {
      double[] h = java.embed(token);
      ReferenceGenerator.Step st = g.steps().get(p);
      assertEquals(token, st.token());
      for (int l = 0; l < 2; l++) {
        double[][] gj = java.gateway(l, h);
        int[] sel = top2(gj[2]);
        assertArrayEquals(sel, st.selectedExperts()[l]);
        double[] w = softmax(gj[2][sel[0]], gj[2][sel[1]]);
        double[] next = gj[0].clone();
        for (int j = 0; j < 2; j++) {
          double[] y = java.expert(l, sel[j], gj[1]);
          for (int i = 0; i < next.length; i++) {
            next[i] += w[j] * y[i];
          }
        }
        h = next;
        maxDiff = Math.max(maxDiff, diff(h, st.layerHidden()[l]));
      }
      if (p >= prompt.length - 1) {
        int next = argmax(java.head(h));
        generated[p - prompt.length + 1] = next;
        assertEquals(next, st.nextToken());
        token = next;
      } else {
        token = prompt[p + 1];
      }
    }
    assertArrayEquals(generated, g.generated());
    System.out.printf(Locale.ROOT, "tiny reference generation %s, per-layer hidden max abs diff vs Java %.2e%n",
        Arrays.toString(g.generated()), maxDiff);
    assertTrue(maxDiff < TOLERANCE, "max diff " + maxDiff);
  }

  private static int[] top2(double[] v) {
    int a = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[a]) {
        a = i;
      }
    }
    int b = a == 0 ? 1 : 0;
    for (int i = 0; i < v.length; i++) {
      if (i != a && v[i] > v[b]) {
        b = i;
      }
    }
    return new int[] {a, b};
  }

  private static int argmax(double[] v) {
    int a = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[a]) {
        a = i;
      }
    }
    return a;
  }

  private static double[] softmax(double a, double b) {
    double m = Math.max(a, b);
    double ea = Math.exp(a - m);
    double eb = Math.exp(b - m);
    return new double[] {ea / (ea + eb), eb / (ea + eb)};
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  private static double diff(double[] a, float[] b) {
    assertEquals(a.length, b.length);
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
