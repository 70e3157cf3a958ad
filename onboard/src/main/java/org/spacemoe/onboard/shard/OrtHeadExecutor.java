package org.spacemoe.onboard.shard;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import org.spacemoe.shared.model.onnx.ShardContract;

/** {@link HeadExecutor} on ONNX Runtime. */
public final class OrtHeadExecutor extends OrtShard implements HeadExecutor {
  private final int hidden;

  OrtHeadExecutor(OrtEnvironment env, OrtSession session, String name, int hidden) {
    super(env, session, name);
    this.hidden = hidden;
  }

  @Override
  public float[] logits(float[] h) {
    checkLength("hidden", h, hidden);
    try (OnnxTensor in = tensor(h, 1, hidden);
        OrtSession.Result r = runSession(Map.of(ShardContract.HEAD_HIDDEN, in))) {
      return floats(r, ShardContract.HEAD_LOGITS);
    } catch (OrtException e) {
      throw failed(e);
    }
  }
}
