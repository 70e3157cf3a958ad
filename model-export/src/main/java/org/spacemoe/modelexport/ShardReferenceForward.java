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
 * {@link GatewayGraph}, {@link ExpertGraph}, {@link HeadGraph}, {@link AttentionPartGraph}, {@link CombineGraph} and
 * {@link HeadSliceGraph}.
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
      case ATTENTION_PART:
        attentionPart(s, model, inputs, out);
        break;
      case COMBINE: {
        double[] h = widen(inputs.get(ShardContract.COMBINE_HIDDEN).floats());
        double[] delta = widen(inputs.get(ShardContract.COMBINE_ATTN_DELTA).floats());
        double[] attnOut = new double[d];
        for (int i = 0; i < d; i++) {
          attnOut[i] = h[i] + delta[i];
        }
        normAndRouter(s, model, attnOut, out);
        break;
      }
      default: {
        double[] h = widen(inputs.get(ShardContract.HEAD_HIDDEN).floats());
        float[] lm = OnnxTensors.weight(model, "lm");
        out.put(ShardContract.HEAD_LOGITS, matvec(rms(h, OnnxTensors.weight(model, "norm")), lm, d,
            lm.length / d));
        break;
      }
    }
    return out;
  }

  private static void gateway(MoeModelShape s, ModelProto model, Map<String, ShardProbe.Tensor> inputs,
      Map<String, double[]> out) {
    int d = s.hidden();
    double[] h = widen(inputs.get(ShardContract.GATEWAY_HIDDEN).floats());
    Attention a = attention(s, model, h, inputs.get(ShardContract.GATEWAY_PAST_KEY).floats(),
        inputs.get(ShardContract.GATEWAY_PAST_VALUE).floats(), d);
    double[] o = matvec(a.ctx, OnnxTensors.weight(model, "wo"), d, d);
    double[] attnOut = new double[d];
    for (int i = 0; i < d; i++) {
      attnOut[i] = h[i] + o[i];
    }
    normAndRouter(s, model, attnOut, out);
    out.put(ShardContract.GATEWAY_PRESENT_KEY, a.keys);
    out.put(ShardContract.GATEWAY_PRESENT_VALUE, a.values);
  }

  /** An attention part: its heads' context times its rows of Wo; the cache width dp is the weights' width. */
  private static void attentionPart(MoeModelShape s, ModelProto model, Map<String, ShardProbe.Tensor> inputs,
      Map<String, double[]> out) {
    int d = s.hidden();
    int dp = OnnxTensors.weight(model, "wq").length / d;
    double[] h = widen(inputs.get(ShardContract.PART_HIDDEN).floats());
    Attention a = attention(s, model, h, inputs.get(ShardContract.PART_PAST_KEY).floats(),
        inputs.get(ShardContract.PART_PAST_VALUE).floats(), dp);
    out.put(ShardContract.PART_ATTN_PARTIAL, matvec(a.ctx, OnnxTensors.weight(model, "wo"), dp, d));
    out.put(ShardContract.PART_PRESENT_KEY, a.keys);
    out.put(ShardContract.PART_PRESENT_VALUE, a.values);
  }

  /** The context of dp / dh heads (weights wq, wk, wv of d x dp) and the grown caches of width dp. */
  private record Attention(double[] ctx, double[] keys, double[] values) {}

  private static Attention attention(MoeModelShape s, ModelProto model, double[] h, float[] pastKey,
      float[] pastValue, int dp) {
    int d = s.hidden();
    double[] x1 = rms(h, OnnxTensors.weight(model, "norm1"));
    double[] q = matvec(x1, OnnxTensors.weight(model, "wq"), d, dp);
    double[] k = matvec(x1, OnnxTensors.weight(model, "wk"), d, dp);
    double[] v = matvec(x1, OnnxTensors.weight(model, "wv"), d, dp);
    double[] keys = concat(widen(pastKey), k);
    double[] values = concat(widen(pastValue), v);
    int t = pastKey.length / dp + 1;
    int dh = s.headDim();
    double[] ctx = new double[dp];
    for (int head = 0; head < dp / dh; head++) {
      double[] scores = new double[t];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < t; j++) {
        double dot = 0;
        for (int i = 0; i < dh; i++) {
          dot += q[head * dh + i] * keys[j * dp + head * dh + i];
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
          ctx[head * dh + i] += scores[j] / sum * values[j * dp + head * dh + i];
        }
      }
    }
    return new Attention(ctx, keys, values);
  }

  /** attn_out, moe_in = RMSNorm2(attn_out) and router_logits = moe_in Wr + br, in the gateway's output order. */
  private static void normAndRouter(MoeModelShape s, ModelProto model, double[] attnOut, Map<String, double[]> out) {
    double[] moeIn = rms(attnOut, OnnxTensors.weight(model, "norm2"));
    double[] logits = matvec(moeIn, OnnxTensors.weight(model, "wr"), s.hidden(), s.experts());
    float[] br = OnnxTensors.weight(model, "br");
    for (int e = 0; e < logits.length; e++) {
      logits[e] += br[e];
    }
    out.put(ShardContract.GATEWAY_ATTN_OUT, attnOut);
    out.put(ShardContract.GATEWAY_MOE_IN, moeIn);
    out.put(ShardContract.GATEWAY_ROUTER_LOGITS, logits);
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
