package org.spacemoe.onboard.shard;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One ONNX Runtime session for one shard; the base of the ORT executors. Every run gets its own
 * {@link OrtSession.RunOptions}, so {@link #abortRun} can ask exactly that run to terminate.
 */
abstract class OrtShard implements AutoCloseable, AbortableRun {
  protected final OrtEnvironment env;
  protected final OrtSession session;
  protected final String name;
  /** The options of the run in progress on each thread; guarded by its own monitor against a concurrent close. */
  private final Map<Thread, OrtSession.RunOptions> running = new ConcurrentHashMap<>();

  OrtShard(OrtEnvironment env, OrtSession session, String name) {
    this.env = env;
    this.session = session;
    this.name = name;
  }

  /** The shard's name. */
  public String name() {
    return name;
  }

  /**
   * Runs the session on {@code inputs} with run options of its own, registered for {@link #abortRun} while the
   * call is in progress.
   */
  protected OrtSession.Result runSession(Map<String, ? extends OnnxTensor> inputs) throws OrtException {
    OrtSession.RunOptions options = new OrtSession.RunOptions();
    Thread self = Thread.currentThread();
    running.put(self, options);
    try {
      return session.run(inputs, options);
    } finally {
      synchronized (options) {
        running.remove(self);
        options.close();
      }
    }
  }

  @Override
  public boolean abortRun(Thread runner) {
    OrtSession.RunOptions options = running.get(runner);
    if (options == null) {
      return false;
    }
    synchronized (options) {
      if (running.get(runner) != options) {
        return false; // finished meanwhile: its options are closed
      }
      try {
        options.setTerminate(true);
        return true;
      } catch (OrtException e) {
        return false;
      }
    }
  }

  protected OnnxTensor tensor(FloatBuffer data, long... shape) throws OrtException {
    return OnnxTensor.createTensor(env, data, shape);
  }

  protected OnnxTensor tensor(float[] data, long... shape) throws OrtException {
    return OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
  }

  protected static OnnxTensor output(OrtSession.Result r, String output) {
    Optional<OnnxValue> v = r.get(output);
    if (v.isEmpty() || !(v.get() instanceof OnnxTensor)) {
      throw new IllegalStateException("no tensor output " + output);
    }
    return (OnnxTensor) v.get();
  }

  /** All floats of a [1, n] (or any) float output. */
  protected static float[] floats(OrtSession.Result r, String output) {
    FloatBuffer b = output(r, output).getFloatBuffer();
    float[] out = new float[b.remaining()];
    b.get(out);
    return out;
  }

  protected void checkLength(String what, float[] v, int expected) {
    if (v.length != expected) {
      throw new IllegalArgumentException(name + ": " + what + " needs length " + expected + ", got " + v.length);
    }
  }

  protected ShardExecutionException failed(OrtException e) {
    return new ShardExecutionException(name, "ONNX Runtime run failed: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new ShardExecutionException(name, "closing the session failed: " + e.getMessage(), e);
    }
  }
}
