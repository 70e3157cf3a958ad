package org.spacemoe.onboard.shard;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import org.spacemoe.shared.model.onnx.ShardContract;

/**
 * {@link CombineExecutor} on ONNX Runtime (shard {@code layerLL.combine}): {@code attn_out = hidden +
 * attn_delta}, {@code moe_in = RMSNorm2(attn_out)}, {@code router_logits} [E], as the layer's gateway gives them.
 */
public final class OrtCombineExecutor extends OrtShard implements CombineExecutor {
  private final int hidden;

  OrtCombineExecutor(OrtEnvironment env, OrtSession session, String name, int hidden) {
    super(env, session, name);
    this.hidden = hidden;
  }

  @Override
  public GatewayOutput combine(float[] h, float[] attentionSum) {
    checkLength("hidden", h, hidden);
    checkLength("attention sum", attentionSum, hidden);
    try (OnnxTensor in = tensor(h, 1, hidden);
        OnnxTensor delta = tensor(attentionSum, 1, hidden);
        OrtSession.Result r = runSession(Map.of(ShardContract.COMBINE_HIDDEN, in,
            ShardContract.COMBINE_ATTN_DELTA, delta))) {
      return new GatewayOutput(floats(r, ShardContract.GATEWAY_ATTN_OUT), floats(r, ShardContract.GATEWAY_MOE_IN),
          floats(r, ShardContract.GATEWAY_ROUTER_LOGITS));
    } catch (OrtException e) {
      throw failed(e);
    }
  }
}
