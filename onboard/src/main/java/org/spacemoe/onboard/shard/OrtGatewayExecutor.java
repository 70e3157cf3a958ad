package org.spacemoe.onboard.shard;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.spacemoe.shared.model.onnx.ShardContract;

/**
 * {@link GatewayExecutor} on ONNX Runtime. Feeds the cache as {@code past_key}/{@code past_value} [T,d] and appends
 * the last row of {@code present_key}/{@code present_value} [T+1,d] to it.
 */
public final class OrtGatewayExecutor extends OrtShard implements GatewayExecutor {
  private final int hidden;

  OrtGatewayExecutor(OrtEnvironment env, OrtSession session, String name, int hidden) {
    super(env, session, name);
    this.hidden = hidden;
  }

  @Override
  public GatewayOutput step(float[] h, KvCache cache) {
    checkLength("hidden", h, hidden);
    if (cache.hidden() != hidden) {
      throw new IllegalArgumentException(name + ": KV cache has hidden size " + cache.hidden() + ", expected "
          + hidden);
    }
    long t = cache.length();
    try (OnnxTensor in = tensor(h, 1, hidden);
        OnnxTensor pastK = tensor(cache.keyBuffer(), t, hidden);
        OnnxTensor pastV = tensor(cache.valueBuffer(), t, hidden);
        OrtSession.Result r = runSession(Map.of(ShardContract.GATEWAY_HIDDEN, in,
            ShardContract.GATEWAY_PAST_KEY, pastK, ShardContract.GATEWAY_PAST_VALUE, pastV))) {
      GatewayOutput out = new GatewayOutput(floats(r, ShardContract.GATEWAY_ATTN_OUT),
          floats(r, ShardContract.GATEWAY_MOE_IN), floats(r, ShardContract.GATEWAY_ROUTER_LOGITS));
      FloatBuffer k = output(r, ShardContract.GATEWAY_PRESENT_KEY).getFloatBuffer();
      FloatBuffer v = output(r, ShardContract.GATEWAY_PRESENT_VALUE).getFloatBuffer();
      long expected = (t + 1) * hidden;
      if (k.remaining() != expected || v.remaining() != expected) {
        throw new ShardExecutionException(name, "present_key/value have " + k.remaining() + "/" + v.remaining()
            + " floats, expected " + expected, null);
      }
      k.position((int) (t * hidden));
      v.position((int) (t * hidden));
      cache.append(k, v);
      return out;
    } catch (OrtException e) {
      throw failed(e);
    }
  }
}
