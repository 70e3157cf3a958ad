package org.spacemoe.onboard.selftest;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spacemoe.onboard.planstore.NodeShards;
import org.spacemoe.onboard.shard.ShardLoadException;
import org.spacemoe.onboard.shard.ShardLoader;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.model.onnx.ShardProbe;
import org.spacemoe.shared.model.onnx.ShardReference;

/**
 * Loads one shard the way the runtime does ({@link ShardLoader}: size and SHA-256 against the manifest, graph
 * inputs and outputs against the contract), runs it twice on its probe input and compares the outputs with the
 * manifest's reference.
 */
final class ShardCheck {
  private final ShardLoader loader;

  ShardCheck(ShardLoader loader) {
    this.loader = loader;
  }

  ShardResult run(ShardEntry shard) {
    long fp32 = NodeShards.fp32Bytes(shard, loader.manifest().shape());
    String kind = shard.kind().wireName();
    ShardReference ref = shard.reference();
    Double tol = ref == null ? null : ref.tolerance();
    long t0 = System.nanoTime();
    OrtSession session;
    try {
      session = loader.session(shard);
    } catch (ShardLoadException e) {
      return new ShardResult(shard.name(), kind, shard.bytes(), fp32, ms(t0), null, null, null, tol,
          "-", false, e.getMessage());
    }
    double loadMs = ms(t0);
    if (ref == null) {
      close(session);
      return new ShardResult(shard.name(), kind, shard.bytes(), fp32, loadMs, null, null, null, tol,
          "-", false, "the manifest has no reference outputs for it (export the model again with this version)");
    }
    try (session) {
      Map<String, ShardProbe.Tensor> probe = ShardProbe.inputs(shard, loader.manifest().shape(), ref.seed());
      long t1 = System.nanoTime();
      Map<String, float[]> out = runOnce(session, probe);
      double firstMs = ms(t1);
      long t2 = System.nanoTime();
      runOnce(session, probe);
      double runMs = ms(t2);
      ShardReference.Comparison c = ref.compare(out);
      String error = c.problem() != null ? c.problem()
          : c.passed() ? null : String.format(java.util.Locale.ROOT, "max abs diff %.3g at %s exceeds the tolerance %.3g",
              c.maxAbsDiff(), c.worst(), c.tolerance());
      Double diff = Double.isFinite(c.maxAbsDiff()) ? c.maxAbsDiff() : null;
      return new ShardResult(shard.name(), kind, shard.bytes(), fp32, loadMs, firstMs, runMs, diff, tol, c.worst(),
          c.passed(), error);
    } catch (OrtException | RuntimeException e) {
      return new ShardResult(shard.name(), kind, shard.bytes(), fp32, loadMs, null, null, null, tol,
          "-", false, "ONNX Runtime run failed: " + e.getMessage());
    }
  }

  private static Map<String, float[]> runOnce(OrtSession session, Map<String, ShardProbe.Tensor> probe)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, ShardProbe.Tensor> e : probe.entrySet()) {
        ShardProbe.Tensor t = e.getValue();
        inputs.put(e.getKey(), t.floats() != null
            ? OnnxTensor.createTensor(env, FloatBuffer.wrap(t.floats()), t.shape())
            : OnnxTensor.createTensor(env, LongBuffer.wrap(t.longs()), t.shape()));
      }
      Map<String, float[]> out = new LinkedHashMap<>();
      try (OrtSession.Result r = session.run(inputs)) {
        for (Map.Entry<String, OnnxValue> e : r) {
          if (e.getValue() instanceof OnnxTensor) {
            FloatBuffer b = ((OnnxTensor) e.getValue()).getFloatBuffer();
            float[] v = new float[b.remaining()];
            b.get(v);
            out.put(e.getKey(), v);
          }
        }
      }
      return out;
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private static void close(OrtSession s) {
    try {
      s.close();
    } catch (OrtException ignored) {
      // reporting the missing reference instead
    }
  }

  private static double ms(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }
}
