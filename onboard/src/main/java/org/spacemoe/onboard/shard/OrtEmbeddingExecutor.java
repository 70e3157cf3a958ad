package org.spacemoe.onboard.shard;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import org.spacemoe.shared.model.onnx.ShardContract;

/** {@link EmbeddingExecutor} on ONNX Runtime. */
public final class OrtEmbeddingExecutor extends OrtShard implements EmbeddingExecutor {
  private final int vocab;

  OrtEmbeddingExecutor(OrtEnvironment env, OrtSession session, String name, int vocab) {
    super(env, session, name);
    this.vocab = vocab;
  }

  @Override
  public float[] embed(int token) {
    if (token < 0 || token >= vocab) {
      throw new IllegalArgumentException(name + ": token " + token + " is outside [0, " + vocab + ")");
    }
    try (OnnxTensor ids = OnnxTensor.createTensor(env, new long[] {token});
        OrtSession.Result r = runSession(Map.of(ShardContract.EMBED_TOKEN_IDS, ids))) {
      return floats(r, ShardContract.EMBED_HIDDEN);
    } catch (OrtException e) {
      throw failed(e);
    }
  }
}
