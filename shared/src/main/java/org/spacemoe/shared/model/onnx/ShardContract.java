package org.spacemoe.shared.model.onnx;

import java.util.List;
import java.util.Locale;

/**
 * The names every shard file and graph input/output must have. A shard named {@code N} lives in file
 * {@code N.onnx} next to {@code manifest.json}.
 *
 * <ul>
 *   <li>{@code embed}: {@code token_ids} int64 [1] -> {@code hidden} float [1,d]</li>
 *   <li>{@code layerLL.gateway}: {@code hidden} [1,d], {@code past_key} [T,d], {@code past_value} [T,d] (T >= 0)
 *       -> {@code attn_out} [1,d], {@code moe_in} [1,d], {@code router_logits} [1,E], {@code present_key}
 *       [T+1,d], {@code present_value} [T+1,d]</li>
 *   <li>{@code layerLL.expertEE}: {@code x} [1,d] -> {@code y} [1,d]</li>
 *   <li>{@code head}: {@code hidden} [1,d] -> {@code logits} [1,V]</li>
 * </ul>
 * Layers and experts are 0-based and written with at least two digits.
 */
public final class ShardContract {
  public static final String MANIFEST_FILE = "manifest.json";
  public static final String FILE_SUFFIX = ".onnx";

  public static final String EMBED = "embed";
  public static final String HEAD = "head";

  public static final String EMBED_TOKEN_IDS = "token_ids";
  public static final String EMBED_HIDDEN = "hidden";

  public static final String GATEWAY_HIDDEN = "hidden";
  public static final String GATEWAY_PAST_KEY = "past_key";
  public static final String GATEWAY_PAST_VALUE = "past_value";
  public static final String GATEWAY_ATTN_OUT = "attn_out";
  public static final String GATEWAY_MOE_IN = "moe_in";
  public static final String GATEWAY_ROUTER_LOGITS = "router_logits";
  public static final String GATEWAY_PRESENT_KEY = "present_key";
  public static final String GATEWAY_PRESENT_VALUE = "present_value";

  public static final String EXPERT_X = "x";
  public static final String EXPERT_Y = "y";

  public static final String HEAD_HIDDEN = "hidden";
  public static final String HEAD_LOGITS = "logits";

  /** ONNX opset of the default domain every shard imports. */
  public static final int OPSET = 17;
  /** ONNX IR version of every shard (IR 8 goes with opset 17). */
  public static final int IR_VERSION = 8;
  /** RMSNorm epsilon. */
  public static final float RMS_EPSILON = 1e-5f;

  private ShardContract() {}

  public static String gatewayName(int layer) {
    return String.format(Locale.ROOT, "layer%02d.gateway", layer);
  }

  public static String expertName(int layer, int expert) {
    return String.format(Locale.ROOT, "layer%02d.expert%02d", layer, expert);
  }

  public static String fileName(String shardName) {
    return shardName + FILE_SUFFIX;
  }

  /** The name a shard of {@code kind} must have ({@code layer}, {@code expert} ignored where they do not apply). */
  public static String shardName(ShardKind kind, int layer, int expert) {
    switch (kind) {
      case EMBED:
        return EMBED;
      case HEAD:
        return HEAD;
      case GATEWAY:
        return gatewayName(layer);
      default:
        return expertName(layer, expert);
    }
  }

  public static List<String> inputs(ShardKind kind) {
    switch (kind) {
      case EMBED:
        return List.of(EMBED_TOKEN_IDS);
      case GATEWAY:
        return List.of(GATEWAY_HIDDEN, GATEWAY_PAST_KEY, GATEWAY_PAST_VALUE);
      case EXPERT:
        return List.of(EXPERT_X);
      default:
        return List.of(HEAD_HIDDEN);
    }
  }

  public static List<String> outputs(ShardKind kind) {
    switch (kind) {
      case EMBED:
        return List.of(EMBED_HIDDEN);
      case GATEWAY:
        return List.of(GATEWAY_ATTN_OUT, GATEWAY_MOE_IN, GATEWAY_ROUTER_LOGITS, GATEWAY_PRESENT_KEY,
            GATEWAY_PRESENT_VALUE);
      case EXPERT:
        return List.of(EXPERT_Y);
      default:
        return List.of(HEAD_LOGITS);
    }
  }
}
