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
 * Tensor-parallel shards (exported only on request), for a split of width {@code k} in 2..4 and part {@code p} in
 * [0, k), part 0 being the lead's; a share covers units [{@link #shareStart}(n,k,p), shareStart(n,k,p+1)) of n
 * (heads for attention, vocabulary rows for the head):
 * <ul>
 *   <li>{@code layerLL.attn-wK-pP}: {@code hidden} [1,d], {@code past_key} [T,dp], {@code past_value} [T,dp] with
 *       dp = the share's heads x head dim -> {@code attn_partial} [1,d] (the share's term of concat(ctx) Wo; the
 *       shares' terms sum to the gateway's attention), {@code present_key} [T+1,dp], {@code present_value}
 *       [T+1,dp]</li>
 *   <li>{@code layerLL.combine}: {@code hidden} [1,d], {@code attn_delta} [1,d] -> {@code attn_out},
 *       {@code moe_in} [1,d], {@code router_logits} [1,E], as the gateway with attention = attn_delta</li>
 *   <li>{@code head-wK-pP}: {@code hidden} [1,d] -> {@code logits} [1,Vp], the share's columns of the head's</li>
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

  public static final String PART_HIDDEN = "hidden";
  public static final String PART_PAST_KEY = "past_key";
  public static final String PART_PAST_VALUE = "past_value";
  public static final String PART_ATTN_PARTIAL = "attn_partial";
  public static final String PART_PRESENT_KEY = "present_key";
  public static final String PART_PRESENT_VALUE = "present_value";

  public static final String COMBINE_HIDDEN = "hidden";
  public static final String COMBINE_ATTN_DELTA = "attn_delta";

  /** Smallest and largest tensor-parallel split width. */
  public static final int MIN_SPLIT_WIDTH = 2;
  public static final int MAX_SPLIT_WIDTH = 4;

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

  /** {@code layerLL.attn-wK-pP}: share {@code part} of layer {@code layer}'s attention split {@code width} ways. */
  public static String attentionPartName(int layer, int width, int part) {
    return String.format(Locale.ROOT, "layer%02d.attn-w%d-p%d", layer, width, part);
  }

  /** {@code layerLL.combine}. */
  public static String combineName(int layer) {
    return String.format(Locale.ROOT, "layer%02d.combine", layer);
  }

  /** {@code head-wK-pP}: vocabulary slice {@code part} of the head split {@code width} ways. */
  public static String headSliceName(int width, int part) {
    return String.format(Locale.ROOT, "head-w%d-p%d", width, part);
  }

  /**
   * First unit of share {@code part} of {@code units} split {@code width} ways: {@code floor(part units / width)}.
   * Share p covers [shareStart(p), shareStart(p+1)): the shares cover [0, units) without gap or overlap and their
   * sizes differ by at most one. {@code part} may be {@code width} (then it is {@code units}).
   */
  public static int shareStart(int units, int width, int part) {
    if (units < 0 || width < 1 || part < 0 || part > width) {
      throw new IllegalArgumentException("share " + part + " of " + units + " units over " + width
          + " is undefined");
    }
    return (int) ((long) part * units / width);
  }

  /** One past the last unit of share {@code part}: {@code shareStart(units, width, part + 1)}. */
  public static int shareEnd(int units, int width, int part) {
    return shareStart(units, width, part + 1);
  }

  public static String fileName(String shardName) {
    return shardName + FILE_SUFFIX;
  }

  /** The name a shard of {@code kind} must have ({@code layer}, {@code expert} ignored where they do not apply). */
  public static String shardName(ShardKind kind, int layer, int expert) {
    return shardName(kind, layer, expert, 0, 0);
  }

  /** As {@link #shardName(ShardKind, int, int)}, with the split {@code width} and {@code part} where they apply. */
  public static String shardName(ShardKind kind, int layer, int expert, int width, int part) {
    switch (kind) {
      case ATTENTION_PART:
        return attentionPartName(layer, width, part);
      case COMBINE:
        return combineName(layer);
      case HEAD_SLICE:
        return headSliceName(width, part);
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
      case ATTENTION_PART:
        return List.of(PART_HIDDEN, PART_PAST_KEY, PART_PAST_VALUE);
      case COMBINE:
        return List.of(COMBINE_HIDDEN, COMBINE_ATTN_DELTA);
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
      case ATTENTION_PART:
        return List.of(PART_ATTN_PARTIAL, PART_PRESENT_KEY, PART_PRESENT_VALUE);
      case COMBINE:
        return List.of(GATEWAY_ATTN_OUT, GATEWAY_MOE_IN, GATEWAY_ROUTER_LOGITS);
      default:
        return List.of(HEAD_LOGITS);
    }
  }
}
