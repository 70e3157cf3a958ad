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
 * @param sha256 lower-case hex SHA-256 of the file bytes (64 digits)
 * @param bytes file size, > 0
 * @param flopsPerToken FLOPs per token (2 per multiply-add) with an empty KV cache, the formulas of
 *     {@link org.spacemoe.shared.model.MoeModel}; finite, >= 0
 * @param flopsPerContextToken extra FLOPs per token for each cached token (gateway attention: {@code 4 d}), else 0
 * @param inputs graph input names, in order: the kind's {@link ShardContract#inputs}
 * @param outputs graph output names, in order: the kind's {@link ShardContract#outputs}
 * @param reference the outputs for the shard's probe input (one per graph output), checked by the onboard
 *     selftest; null in manifests written before it existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardEntry(String name, String file, ShardKind kind, @OptionalField Integer layer,
    @OptionalField Integer expert, String sha256, long bytes, double flopsPerToken, double flopsPerContextToken,
    List<String> inputs, List<String> outputs, @OptionalField ShardReference reference) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public ShardEntry {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    requireIf("layer", layer, kind == ShardKind.GATEWAY || kind == ShardKind.EXPERT, kind);
    requireIf("expert", expert, kind == ShardKind.EXPERT, kind);
    String expected = ShardContract.shardName(kind, layer == null ? 0 : layer, expert == null ? 0 : expert);
    if (!expected.equals(name)) {
      throw new IllegalArgumentException("name \"" + name + "\" should be \"" + expected + "\" for kind "
          + kind.wireName() + (layer == null ? "" : ", layer " + layer) + (expert == null ? "" : ", expert " + expert));
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

  /** An entry without reference outputs. */
  public ShardEntry(String name, String file, ShardKind kind, Integer layer, Integer expert, String sha256,
      long bytes, double flopsPerToken, double flopsPerContextToken, List<String> inputs, List<String> outputs) {
    this(name, file, kind, layer, expert, sha256, bytes, flopsPerToken, flopsPerContextToken, inputs, outputs, null);
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
