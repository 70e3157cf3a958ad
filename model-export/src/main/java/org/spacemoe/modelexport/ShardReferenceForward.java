package org.spacemoe.modelexport;

import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.ShardKind;
import org.spacemoe.shared.model.onnx.ShardProbe;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a shard graph computes, evaluated in plain Java with double arithmetic from the graph's own initializers
 * (FLOAT16 weights widened as ONNX Runtime does), independently of ONNX Runtime: the reference the export records
 * and the onboard selftest compares ONNX Runtime against. Follows the graph docs of {@link EmbedGraph},
 * {@link GatewayGraph}, {@link ExpertGraph} and {@link HeadGraph}.
 */
public final class ShardReferenceForward {
  private ShardReferenceForward() {}

  /** Every output of the shard for {@code inputs}, by output name in contract order, row-major. */
  public static Map<String, double[]> outputs(ShardKind kind, MoeModelShape s, ModelProto model,
      Map<String, ShardProbe.Tensor> inputs) {
    Map<String, double[]> out = new LinkedHashMap<>();
    int d = s.hidden();
    switch (kind) {
      case EMBED: {
        float[] table = OnnxTensors.weight(model, "table");
        int token = Math.toIntExact(inputs.get(ShardContract.EMBED_TOKEN_IDS).longs()[0]);
        double[] h = new double[d];
        for (int i = 0; i < d; i++) {
          h[i] = table[token * d + i];
        }
        out.put(ShardContract.EMBED_HIDDEN, h);
        break;
      }
      case GATEWAY:
        gateway(s, model, inputs, out);
        break;
      case EXPERT: {
        double[] x = widen(inputs.get(ShardContract.EXPERT_X).floats());
        int w = s.expertWidth();
        double[] a = matvec(x, OnnxTensors.weight(model, "w1"), d, w);
        double[] b = matvec(x, OnnxTensors.weight(model, "w3"), d, w);
        for (int i = 0; i < w; i++) {
          a[i] = a[i] / (1 + Math.exp(-a[i])) * b[i];
        }
        out.put(ShardContract.EXPERT_Y, matvec(a, OnnxTensors.weight(model, "w2"), w, d));
        break;
      }
      default: {
        double[] h = widen(inputs.get(ShardContract.HEAD_HIDDEN).floats());
        out.put(ShardContract.HEAD_LOGITS, matvec(rms(h, OnnxTensors.weight(model, "norm")),
            OnnxTensors.weight(model, "lm"), d, s.vocab()));
        break;
      }
    }
    return out;
  }

  private static void gateway(MoeModelShape s, ModelProto model, Map<String, ShardProbe.Tensor> inputs,
      Map<String, double[]> out) {
    int d = s.hidden();
    double[] h = widen(inputs.get(ShardContract.GATEWAY_HIDDEN).floats());
    double[] pastK = widen(inputs.get(ShardContract.GATEWAY_PAST_KEY).floats());
    double[] pastV = widen(inputs.get(ShardContract.GATEWAY_PAST_VALUE).floats());
    int past = pastK.length / d;
    double[] x1 = rms(h, OnnxTensors.weight(model, "norm1"));
    double[] q = matvec(x1, OnnxTensors.weight(model, "wq"), d, d);
    double[] k = matvec(x1, OnnxTensors.weight(model, "wk"), d, d);
    double[] v = matvec(x1, OnnxTensors.weight(model, "wv"), d, d);
    double[] keys = concat(pastK, k);
    double[] values = concat(pastV, v);
    int t = past + 1;
    int dh = s.headDim();
    double[] ctx = new double[d];
    for (int head = 0; head < s.heads(); head++) {
      double[] scores = new double[t];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < t; j++) {
        double dot = 0;
        for (int i = 0; i < dh; i++) {
          dot += q[head * dh + i] * keys[j * d + head * dh + i];
        }
        scores[j] = dot * (float) (1.0 / Math.sqrt(dh));
        max = Math.max(max, scores[j]);
      }
      double sum = 0;
      for (int j = 0; j < t; j++) {
        scores[j] = Math.exp(scores[j] - max);
        sum += scores[j];
      }
      for (int j = 0; j < t; j++) {
        for (int i = 0; i < dh; i++) {
          ctx[head * dh + i] += scores[j] / sum * values[j * d + head * dh + i];
        }
      }
    }
    double[] o = matvec(ctx, OnnxTensors.weight(model, "wo"), d, d);
    double[] attnOut = new double[d];
    for (int i = 0; i < d; i++) {
      attnOut[i] = h[i] + o[i];
    }
    double[] moeIn = rms(attnOut, OnnxTensors.weight(model, "norm2"));
    double[] logits = matvec(moeIn, OnnxTensors.weight(model, "wr"), d, s.experts());
    float[] br = OnnxTensors.weight(model, "br");
    for (int e = 0; e < logits.length; e++) {
      logits[e] += br[e];
    }
    out.put(ShardContract.GATEWAY_ATTN_OUT, attnOut);
    out.put(ShardContract.GATEWAY_MOE_IN, moeIn);
    out.put(ShardContract.GATEWAY_ROUTER_LOGITS, logits);
    out.put(ShardContract.GATEWAY_PRESENT_KEY, keys);
    out.put(ShardContract.GATEWAY_PRESENT_VALUE, values);
  }

  private static double[] widen(float[] f) {
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = f[i];
    }
    return out;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = new double[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static double[] rms(double[] x, float[] gamma) {
    double sq = 0;
    for (double v : x) {
      sq += v * v;
    }
    double r = Math.sqrt(sq / x.length + ShardContract.RMS_EPSILON);
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
      double xi = x[i];
      int row = i * m;
      for (int j = 0; j < m; j++) {
        y[j] += xi * w[row + j];
      }
    }
    return y;
  }
}
