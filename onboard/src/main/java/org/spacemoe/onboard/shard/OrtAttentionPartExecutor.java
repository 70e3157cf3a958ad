package org.spacemoe.onboard.shard;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.spacemoe.shared.model.onnx.ShardContract;

/**
 * {@link AttentionPartExecutor} on ONNX Runtime (shard {@code layerLL.attn-wK-pP}). Feeds the share's cache as
 * {@code past_key}/{@code past_value} [T,dp] and appends the last row of {@code present_key}/{@code present_value}
 * [T+1,dp] to it; dp = the share's heads x head dimension.
 */
public final class OrtAttentionPartExecutor extends OrtShard implements AttentionPartExecutor {
  private final int hidden;
  private final int cacheWidth;

  OrtAttentionPartExecutor(OrtEnvironment env, OrtSession session, String name, int hidden, int cacheWidth) {
    super(env, session, name);
    this.hidden = hidden;
    this.cacheWidth = cacheWidth;
  }

  @Override
  public int cacheWidth() {
    return cacheWidth;
  }

  @Override
  public float[] step(float[] h, KvCache cache) {
    checkLength("hidden", h, hidden);
    if (cache.hidden() != cacheWidth) {
      throw new IllegalArgumentException(name + ": KV cache has width " + cache.hidden() + ", expected "
          + cacheWidth);
    }
    long t = cache.length();
    try (OnnxTensor in = tensor(h, 1, hidden);
        OnnxTensor pastK = tensor(cache.keyBuffer(), t, cacheWidth);
        OnnxTensor pastV = tensor(cache.valueBuffer(), t, cacheWidth);
        OrtSession.Result r = runSession(Map.of(ShardContract.PART_HIDDEN, in,
            ShardContract.PART_PAST_KEY, pastK, ShardContract.PART_PAST_VALUE, pastV))) {
      float[] partial = floats(r, ShardContract.PART_ATTN_PARTIAL);
      if (partial.length != hidden) {
        throw new ShardExecutionException(name, "attn_partial has " + partial.length + " floats, expected "
            + hidden, null);
      }
      FloatBuffer k = output(r, ShardContract.PART_PRESENT_KEY).getFloatBuffer();
      FloatBuffer v = output(r, ShardContract.PART_PRESENT_VALUE).getFloatBuffer();
      long expected = (t + 1) * cacheWidth;
      if (k.remaining() != expected || v.remaining() != expected) {
        throw new ShardExecutionException(name, "present_key/value have " + k.remaining() + "/" + v.remaining()
            + " floats, expected " + expected, null);
      }
      k.position((int) (t * cacheWidth));
      v.position((int) (t * cacheWidth));
      cache.append(k, v);
      return partial;
    } catch (OrtException e) {
      throw failed(e);
    }
  }
}
