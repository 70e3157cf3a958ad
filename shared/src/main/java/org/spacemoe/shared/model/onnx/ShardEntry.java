package org.spacemoe.shared.model.onnx;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.spacemoe.shared.input.OptionalField;
import org.spacemoe.shared.input.Checks;

/**
 * One shard of an exported model as listed in {@code manifest.json}; its fields agree with {@link ShardContract}
 * for its kind (the layer and expert ranges of a model are checked by {@link ModelManifest}).
 *
 * @param name shard name, e.g. {@code layer03.expert05}: {@link ShardContract#shardName} of kind, layer, expert
 * @param file file name next to the manifest, {@code name + ".onnx"}
 * @param kind what it computes
 * @param layer 0-based layer of a gateway or expert shard, null otherwise
 * @param expert 0-based expert of an expert shard, null otherwise
 * @param width split width (2..4) of an attention part or head slice, null otherwise (and then absent from JSON)
 * @param part 0-based share in [0, width) of an attention part or head slice (0: the lead's), null otherwise
 * @param sha256 lower-case hex SHA-256 of the file bytes (64 digits)
 * @param bytes file size, > 0
 * @param flopsPerToken FLOPs per token (2 per multiply-add) with an empty KV cache, the formulas of
 *     {@link org.spacemoe.shared.model.MoeModel}; finite, >= 0. An attention part: the gateway's attention FLOPs
 *     (Q, K, V, O projections) times its share of the heads; a combine: the router's ({@code 2 d E}); a head
 *     slice: the head's times its share of the vocabulary
 * @param flopsPerContextToken extra FLOPs per token for each cached token (gateway attention: {@code 4 d}; an
 *     attention part: {@code 4 dp}), else 0
 * @param inputs graph input names, in order: the kind's {@link ShardContract#inputs}
 * @param outputs graph output names, in order: the kind's {@link ShardContract#outputs}
 * @param reference the outputs for the shard's probe input (one per graph output), checked by the onboard
 *     selftest; null in manifests written before it existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardEntry(String name, String file, ShardKind kind, @OptionalField Integer layer,
    @OptionalField Integer expert, @OptionalField Integer width, @OptionalField Integer part, String sha256, long bytes, double flopsPerToken, double flopsPerContextToken,
    List<String> inputs, List<String> outputs, @OptionalField ShardReference reference) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public ShardEntry {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    requireIf("layer", layer, kind == ShardKind.GATEWAY || kind == ShardKind.EXPERT
        || kind == ShardKind.ATTENTION_PART || kind == ShardKind.COMBINE, kind);
    requireIf("expert", expert, kind == ShardKind.EXPERT, kind);
    boolean split = kind == ShardKind.ATTENTION_PART || kind == ShardKind.HEAD_SLICE;
    requireIf("width", width, split, kind);
    requireIf("part", part, split, kind);
    if (split) {
      Checks.inRange("width", width, ShardContract.MIN_SPLIT_WIDTH, ShardContract.MAX_SPLIT_WIDTH);
      Checks.inRange("part", part, 0, width - 1);
    }
    String expected = ShardContract.shardName(kind, layer == null ? 0 : layer, expert == null ? 0 : expert,
        split ? width : 0, split ? part : 0);
    if (!expected.equals(name)) {
      throw new IllegalArgumentException("name \"" + name + "\" should be \"" + expected + "\" for kind "
          + kind.wireName() + (layer == null ? "" : ", layer " + layer) + (expert == null ? "" : ", expert " + expert)
          + (width == null ? "" : ", width " + width) + (part == null ? "" : ", part " + part));
    }
    if (!ShardContract.fileName(name).equals(file)) {
      throw new IllegalArgumentException("file \"" + file + "\" should be \"" + ShardContract.fileName(name) + "\"");
    }
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got \""
          + (sha256.length() > 40 ? sha256.substring(0, 40) + "..." : sha256) + "\"");
    }
    if (bytes <= 0) {
      throw new IllegalArgumentException("bytes must be > 0, got " + bytes);
    }
    Checks.nonNegative("flopsPerToken", flopsPerToken);
    Checks.nonNegative("flopsPerContextToken", flopsPerContextToken);
    if (!inputs.equals(ShardContract.inputs(kind)) || !outputs.equals(ShardContract.outputs(kind))) {
      throw new IllegalArgumentException("inputs/outputs " + inputs + " -> " + outputs + " differ from the "
          + kind.wireName() + " contract " + ShardContract.inputs(kind) + " -> " + ShardContract.outputs(kind));
    }
    if (reference != null && !reference.outputs().keySet().equals(new TreeSet<>(outputs))) {
      throw new IllegalArgumentException("reference.outputs has " + reference.outputs().keySet() + ", "
          + kind.wireName() + " shards have " + new TreeSet<>(outputs));
    }
  }

  /** An entry of an unsplit kind (embed, gateway, expert, head, combine): no width or part. */
  public ShardEntry(String name, String file, ShardKind kind, Integer layer, Integer expert, String sha256,
      long bytes, double flopsPerToken, double flopsPerContextToken, List<String> inputs, List<String> outputs,
      ShardReference reference) {
    this(name, file, kind, layer, expert, null, null, sha256, bytes, flopsPerToken, flopsPerContextToken, inputs,
        outputs, reference);
  }

  /** An entry without reference outputs. */
  public ShardEntry(String name, String file, ShardKind kind, Integer layer, Integer expert, String sha256,
      long bytes, double flopsPerToken, double flopsPerContextToken, List<String> inputs, List<String> outputs) {
    this(name, file, kind, layer, expert, null, null, sha256, bytes, flopsPerToken, flopsPerContextToken, inputs,
        outputs, null);
  }

  /** {@link #flopsPerToken} in millions. */
  public double megaFlopsPerToken() {
    return flopsPerToken / 1e6;
  }

  private static void requireIf(String field, Integer value, boolean required, ShardKind kind) {
    if (required && value == null) {
      throw new IllegalArgumentException(field + " is missing (" + kind.wireName() + " shards have one)");
    }
    if (!required && value != null) {
      throw new IllegalArgumentException(field + " is not allowed for " + kind.wireName() + " shards");
    }
  }
}
