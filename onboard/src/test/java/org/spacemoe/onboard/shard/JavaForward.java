package org.spacemoe.onboard.shard;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.modelexport.OnnxTensors;

/**
 * An independent forward pass in plain Java (double arithmetic) with the weights read back from the ONNX
 * initializers: checks that the graphs compute what the design says.
 */
final class JavaForward {
  final MoeModelShape s;
  final float[] embed;
  final Layer[] layers;
  final float[][][] experts;
  final float[] headNorm;
  final float[] lm;
  final List<double[]>[] keys;
  final List<double[]>[] values;

  static final class Layer {
    float[] norm1;
    float[] wq;
    float[] wk;
    float[] wv;
    float[] wo;
    float[] norm2;
    float[] wr;
    float[] br;
  }

  @SuppressWarnings("unchecked")
  JavaForward(Path dir) throws IOException {
    ModelManifest m = ModelManifest.read(dir);
    s = m.shape();
    embed = OnnxTensors.weight(load(dir, m.embed().file()), "table");
    layers = new Layer[s.layers()];
    experts = new float[s.layers() * s.experts()][][];
    keys = new List[s.layers()];
    values = new List[s.layers()];
    for (int l = 0; l < s.layers(); l++) {
      ModelProto g = load(dir, m.gateway(l).file());
      Layer L = new Layer();
      L.norm1 = OnnxTensors.weight(g, "norm1");
      L.wq = OnnxTensors.weight(g, "wq");
      L.wk = OnnxTensors.weight(g, "wk");
      L.wv = OnnxTensors.weight(g, "wv");
      L.wo = OnnxTensors.weight(g, "wo");
      L.norm2 = OnnxTensors.weight(g, "norm2");
      L.wr = OnnxTensors.weight(g, "wr");
      L.br = OnnxTensors.weight(g, "br");
      layers[l] = L;
      keys[l] = new ArrayList<>();
      values[l] = new ArrayList<>();
      for (int e = 0; e < s.experts(); e++) {
        ModelProto x = load(dir, m.expert(l, e).file());
        experts[l * s.experts() + e] = new float[][] {OnnxTensors.weight(x, "w1"), OnnxTensors.weight(x, "w3"),
            OnnxTensors.weight(x, "w2")};
      }
    }
    ModelProto h = load(dir, m.head().file());
    headNorm = OnnxTensors.weight(h, "norm");
    lm = OnnxTensors.weight(h, "lm");
  }

  private static ModelProto load(Path dir, String file) throws IOException {
    return ModelProto.parseFrom(Files.readAllBytes(dir.resolve(file)));
  }

  double[] embed(int token) {
    double[] h = new double[s.hidden()];
    for (int i = 0; i < h.length; i++) {
      h[i] = embed[token * s.hidden() + i];
    }
    return h;
  }

  /** attn_out, moe_in, router logits; appends to this layer's cache. */
  double[][] gateway(int l, double[] h) {
    Layer L = layers[l];
    int d = s.hidden();
    double[] x1 = rms(h, L.norm1);
    double[] q = matvec(x1, L.wq, d, d);
    keys[l].add(matvec(x1, L.wk, d, d));
    values[l].add(matvec(x1, L.wv, d, d));
    int dh = s.headDim();
    double[] ctx = new double[d];
    int t = keys[l].size();
    for (int head = 0; head < s.heads(); head++) {
      double[] scores = new double[t];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < t; j++) {
        double dot = 0;
        for (int i = 0; i < dh; i++) {
          dot += q[head * dh + i] * keys[l].get(j)[head * dh + i];
        }
        scores[j] = dot / Math.sqrt(dh);
        max = Math.max(max, scores[j]);
      }
      double sum = 0;
      for (int j = 0; j < t; j++) {
        scores[j] = Math.exp(scores[j] - max);
        sum += scores[j];
      }
      for (int j = 0; j < t; j++) {
        for (int i = 0; i < dh; i++) {
          ctx[head * dh + i] += scores[j] / sum * values[l].get(j)[head * dh + i];
        }
      }
    }
    double[] o = matvec(ctx, L.wo, d, d);
    double[] attnOut = new double[d];
    for (int i = 0; i < d; i++) {
      attnOut[i] = h[i] + o[i];
    }
    double[] moeIn = rms(attnOut, L.norm2);
    double[] logits = matvec(moeIn, L.wr, d, s.experts());
    for (int e = 0; e < logits.length; e++) {
      logits[e] += L.br[e];
    }
    return new double[][] {attnOut, moeIn, logits};
  }

  double[] expert(int l, int e, double[] x) {
    float[][] w = experts[l * s.experts() + e];
    int d = s.hidden();
    int width = s.expertWidth();
    double[] a = matvec(x, w[0], d, width);
    double[] b = matvec(x, w[1], d, width);
    for (int i = 0; i < width; i++) {
      a[i] = a[i] / (1 + Math.exp(-a[i])) * b[i];
    }
    return matvec(a, w[2], width, d);
  }

  double[] head(double[] h) {
    return matvec(rms(h, headNorm), lm, s.hidden(), s.vocab());
  }

  private static double[] rms(double[] x, float[] gamma) {
    double sq = 0;
    for (double v : x) {
      sq += v * v;
    }
    double r = Math.sqrt(sq / x.length + 1e-5);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] / r * gamma[i];
    }
    return out;
  }

  /** x [n] times W [n, m] row-major. */
  private static double[] matvec(double[] x, float[] w, int n, int m) {
    double[] y = new double[m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        y[j] += x[i] * w[i * m + j];
      }
    }
    return y;
  }
}
