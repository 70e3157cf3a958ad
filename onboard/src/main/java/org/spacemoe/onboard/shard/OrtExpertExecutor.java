package org.spacemoe.onboard.shard;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import org.spacemoe.shared.model.onnx.ShardContract;

/** {@link ExpertExecutor} on ONNX Runtime. */
public final class OrtExpertExecutor extends OrtShard implements ExpertExecutor {
  private final int hidden;

  OrtExpertExecutor(OrtEnvironment env, OrtSession session, String name, int hidden) {
    super(env, session, name);
    this.hidden = hidden;
  }

  @Override
  public float[] run(float[] x) {
    checkLength("x", x, hidden);
    try (OnnxTensor in = tensor(x, 1, hidden);
        OrtSession.Result r = runSession(Map.of(ShardContract.EXPERT_X, in))) {
      return floats(r, ShardContract.EXPERT_Y);
    } catch (OrtException e) {
      throw failed(e);
    }
  }
}
