package org.spacemoe.shared.model.onnx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The fixed input a shard is checked with (export records the outputs, the onboard selftest reruns it): derived
 * from one 64-bit probe seed only, the same on every JVM and architecture (SplitMix64 and the polar method with
 * {@link StrictMath}, as the weights).
 *
 * <ul>
 *   <li>{@code embed}: one token id, uniform in [0, V)</li>
 *   <li>{@code gateway}: {@code hidden} [1,d] and a cache of {@value #PAST_TOKENS} token ({@code past_key},
 *       {@code past_value} [1,d]), so the attention scores, softmax and value mix all take part</li>
 *   <li>{@code expert}: {@code x} [1,d]; {@code head}: {@code hidden} [1,d]</li>
 *   <li>{@code attention_part}: as the gateway with its cache width dp; {@code combine}: {@code hidden} and
 *       {@code attn_delta} [1,d]; {@code head_slice}: {@code hidden} [1,d]</li>
 * </ul>
 * Float inputs are standard normal, the scale of the model's hidden states.
 */
public final class ShardProbe {
  /** Cached tokens the gateway probe carries. */
  public static final int PAST_TOKENS = 1;

  private ShardProbe() {}

  /**
   * One input tensor: float data ({@code floats}) or int64 data ({@code longs}), exactly one non-null.
   *
   * @param shape dimensions
   */
  public record Tensor(long[] shape, float[] floats, long[] longs) {}

  /** The probe seed of a shard: a function of the model seed and the shard name. */
  public static long seedFor(long modelSeed, String shardName) {
    return SeededWeights.streamSeed(modelSeed, "probe." + shardName);
  }

  /** The probe inputs of a {@code kind} shard of {@code shape}, by graph input name in contract order. */
  public static Map<String, Tensor> inputs(ShardKind kind, MoeModelShape shape, long probeSeed) {
    if (kind == ShardKind.ATTENTION_PART) {
      throw new IllegalArgumentException("an attention part's probe depends on its width and part");
    }
    return inputs(kind, shape, 0, 0, probeSeed);
  }

  /** The probe inputs of {@code shard} (any kind; an attention part's cache width follows its width and part). */
  public static Map<String, Tensor> inputs(ShardEntry shard, MoeModelShape shape, long probeSeed) {
    return inputs(shard.kind(), shape, shard.width() == null ? 0 : shard.width(),
        shard.part() == null ? 0 : shard.part(), probeSeed);
  }

  /**
   * The probe inputs of a {@code kind} shard of {@code shape}; {@code width} and {@code part} matter for an
   * attention part only (its cache rows have its heads x head dim floats).
   */
  public static Map<String, Tensor> inputs(ShardKind kind, MoeModelShape shape, int width, int part,
      long probeSeed) {
    int d = shape.hidden();
    Map<String, Tensor> in = new LinkedHashMap<>();
    switch (kind) {
      case EMBED:
        long token = new SplittableRandom(SeededWeights.streamSeed(probeSeed, "token")).nextInt(shape.vocab());
        in.put(ShardContract.EMBED_TOKEN_IDS, new Tensor(new long[] {1}, null, new long[] {token}));
        break;
      case GATEWAY:
        in.put(ShardContract.GATEWAY_HIDDEN, normal(probeSeed, "hidden", 1, d));
        in.put(ShardContract.GATEWAY_PAST_KEY, normal(probeSeed, "past_key", PAST_TOKENS, d));
        in.put(ShardContract.GATEWAY_PAST_VALUE, normal(probeSeed, "past_value", PAST_TOKENS, d));
        break;
      case EXPERT:
        in.put(ShardContract.EXPERT_X, normal(probeSeed, "x", 1, d));
        break;
      case ATTENTION_PART: {
        int dp = (ShardContract.shareEnd(shape.heads(), width, part)
            - ShardContract.shareStart(shape.heads(), width, part)) * shape.headDim();
        in.put(ShardContract.PART_HIDDEN, normal(probeSeed, "hidden", 1, d));
        in.put(ShardContract.PART_PAST_KEY, normal(probeSeed, "past_key", PAST_TOKENS, dp));
        in.put(ShardContract.PART_PAST_VALUE, normal(probeSeed, "past_value", PAST_TOKENS, dp));
        break;
      }
      case COMBINE:
        in.put(ShardContract.COMBINE_HIDDEN, normal(probeSeed, "hidden", 1, d));
        in.put(ShardContract.COMBINE_ATTN_DELTA, normal(probeSeed, "attn_delta", 1, d));
        break;
      default:
        in.put(ShardContract.HEAD_HIDDEN, normal(probeSeed, "hidden", 1, d));
        break;
    }
    return in;
  }

  private static Tensor normal(long probeSeed, String stream, int rows, int cols) {
    SeededWeights.Gaussian g = new SeededWeights.Gaussian(new SplittableRandom(SeededWeights.streamSeed(probeSeed,
        stream)));
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) g.next();
    }
    return new Tensor(new long[] {rows, cols}, v, null);
  }
}
