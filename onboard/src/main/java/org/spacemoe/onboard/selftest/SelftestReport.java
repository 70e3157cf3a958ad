package org.spacemoe.onboard.selftest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.spacemoe.shared.input.StrictJson;

/**
 * The selftest's JSON report ({@code --json FILE}): the same facts as the printed table.
 *
 * @param format always {@code spacemoe-selftest}
 * @param version always 1
 * @param distribution the distribution's VERSION line, or null when run outside one
 * @param platform where it ran
 * @param ortPlatform the platform directory of the loaded ONNX Runtime library ({@code linux-aarch64}), or null
 * @param expectedOrtPlatform the one this JVM's architecture needs
 * @param source which shards and why
 * @param model preset and weight format of the model
 * @param shards one result per shard
 * @param shardsPassed shards within the tolerance
 * @param shardsFailed shards that failed to load, run or match
 * @param maxAbsDiff the largest difference over every shard that ran (null: none ran)
 * @param loadMsTotal sum of the load times, ms
 * @param runMsTotal sum of the second-run times, ms
 * @param passed every shard passed and the loaded native library fits the architecture
 */
public record SelftestReport(String format, int version, String distribution, PlatformInfo platform, String ortPlatform,
    String expectedOrtPlatform, String source, String model, List<ShardResult> shards, int shardsPassed,
    int shardsFailed, Double maxAbsDiff, double loadMsTotal, double runMsTotal, boolean passed) {
  private static final ObjectMapper JSON =
      StrictJson.configure(JsonMapper.builder()).enable(SerializationFeature.INDENT_OUTPUT).build();

  public SelftestReport {
    shards = List.copyOf(shards);
  }

  /** Writes the report as indented JSON. */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(file, (toJson() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report not serialisable", e);
    }
  }
}
