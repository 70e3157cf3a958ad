package org.spacemoe.shared.model.onnx;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One shard of an exported model as listed in {@code manifest.json}.
 *
 * @param name shard name, e.g. {@code layer03.expert05} (see {@link ShardContract})
 * @param file file name next to the manifest, {@code name + ".onnx"}
 * @param kind what it computes
 * @param layer 0-based layer of a gateway or expert shard, null otherwise
 * @param expert 0-based expert of an expert shard, null otherwise
 * @param sha256 lower-case hex SHA-256 of the file bytes
 * @param bytes file size
 * @param flopsPerToken FLOPs per token (2 per multiply-add) with an empty KV cache, the formulas of
 *     {@link org.spacemoe.shared.model.MoeModel}
 * @param flopsPerContextToken extra FLOPs per token for each cached token (gateway attention: {@code 4 d}), else 0
 * @param inputs graph input names, in order
 * @param outputs graph output names, in order
 * @param reference the outputs for the shard's probe input, checked by the onboard selftest; null in manifests
 *     written before it existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardEntry(String name, String file, ShardKind kind, Integer layer, Integer expert, String sha256,
    long bytes, double flopsPerToken, double flopsPerContextToken, List<String> inputs, List<String> outputs,
    ShardReference reference) {
  public ShardEntry {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
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
}
