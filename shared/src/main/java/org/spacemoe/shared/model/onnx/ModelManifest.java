package org.spacemoe.shared.model.onnx;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.input.StrictJson;

/**
 * {@code manifest.json} of an exported model: identity (preset, shape, seed, Zipf skew, weight format) and every
 * shard with its digest. Written deterministically (same model, same bytes). The records check their own values
 * (this one: format, version, preset, layer and expert ranges of the shards, no shard twice); {@link #parse} binds
 * them strictly and also requires the shards to be exactly the model's: one embed, one head, one gateway per
 * layer, one expert shard per layer and expert, named and filed by {@link ShardContract}.
 *
 * @param format always {@value #FORMAT}
 * @param version always {@value #VERSION}
 * @param preset the shape's name
 * @param shape the model shape
 * @param seed weight seed
 * @param zipf Zipf exponent of expert popularity (finite, >= 0)
 * @param weights how initializers are stored
 * @param opset ONNX opset of the default domain (>= 1)
 * @param irVersion ONNX IR version (>= 1)
 * @param routerBiasScale the calibrated factor {@code alpha} of {@link RouterBias} (informative)
 * @param shards embed, then per layer the gateway and its experts (then, if exported, its attention parts by width
 *     and part and its combine), then head (then its slices); not empty, names unique
 */
public record ModelManifest(String format, int version, String preset, MoeModelShape shape, long seed, double zipf,
    WeightFormat weights, int opset, int irVersion, double routerBiasScale, List<ShardEntry> shards) {
  public static final String FORMAT = "spacemoe-model";
  public static final int VERSION = 1;

  /**
   * Strict, indented; a JSON null is refused except for a shard's {@code layer}, {@code expert}, {@code width},
   * {@code part} and {@code reference} (the only Integer and ShardReference fields), which may also be absent ({@link
   * org.spacemoe.shared.input.OptionalField}).
   */
  private static final ObjectMapper MAPPER = StrictJson.configure(JsonMapper.builder())
      .enable(SerializationFeature.INDENT_OUTPUT)
      .defaultSetterInfo(JsonSetter.Value.construct(Nulls.FAIL, Nulls.FAIL))
      .withConfigOverride(Integer.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.SET)))
      .withConfigOverride(ShardReference.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.SET)))
      .build();

  public ModelManifest {
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("format is \"" + format + "\", expected \"" + FORMAT + "\"");
    }
    if (version != VERSION) {
      throw new IllegalArgumentException("version " + version + " is not supported (this reader knows " + VERSION
          + ")");
    }
    if (!shape.name().equals(preset)) {
      throw new IllegalArgumentException("preset \"" + preset + "\" differs from shape.name \"" + shape.name()
          + "\"");
    }
    Checks.nonNegative("zipf", zipf);
    Checks.positive("opset", opset);
    Checks.positive("irVersion", irVersion);
    shards = List.copyOf(shards);
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("shards must not be empty");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < shards.size(); i++) {
      ShardEntry s = shards.get(i);
      inRange("shards[" + i + "].layer", s.layer(), shape.layers());
      inRange("shards[" + i + "].expert", s.expert(), shape.experts());
      if (s.kind() == ShardKind.ATTENTION_PART && s.width() > shape.heads()) {
        throw new IllegalArgumentException("shards[" + i + "].width " + s.width() + " exceeds the model's "
            + shape.heads() + " heads");
      }
      Integer before = seen.put(s.name(), i);
      if (before != null) {
        throw new IllegalArgumentException("shards[" + i + "] repeats shard \"" + s.name() + "\" of shards["
            + before + "]");
      }
    }
  }

  /** The shard called {@code name}, or null. */
  public ShardEntry shard(String name) {
    for (ShardEntry s : shards) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  public ShardEntry embed() {
    return shard(ShardContract.EMBED);
  }

  public ShardEntry head() {
    return shard(ShardContract.HEAD);
  }

  public ShardEntry gateway(int layer) {
    return shard(ShardContract.gatewayName(layer));
  }

  public ShardEntry expert(int layer, int expert) {
    return shard(ShardContract.expertName(layer, expert));
  }

  /** Share {@code part} of layer {@code layer}'s attention split {@code width} ways, or null if not exported. */
  public ShardEntry attentionPart(int layer, int width, int part) {
    return shard(ShardContract.attentionPartName(layer, width, part));
  }

  /** Layer {@code layer}'s combine shard, or null if not exported. */
  public ShardEntry combine(int layer) {
    return shard(ShardContract.combineName(layer));
  }

  /** Vocabulary slice {@code part} of the head split {@code width} ways, or null if not exported. */
  public ShardEntry headSlice(int width, int part) {
    return shard(ShardContract.headSliceName(width, part));
  }

  /** Sum of the shard file sizes. */
  public long totalBytes() {
    return shards.stream().mapToLong(ShardEntry::bytes).sum();
  }

  /** The deterministic JSON text (UTF-8, trailing newline). */
  public byte[] toJson() {
    try {
      return (MAPPER.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest not serialisable", e);
    }
  }

  /** Writes {@code manifest.json} into {@code dir}. */
  public Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(ShardContract.MANIFEST_FILE);
    Path tmp = dir.resolve(ShardContract.MANIFEST_FILE + ".tmp");
    Files.write(tmp, toJson());
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /** Reads and validates a manifest: {@code path} is the file or the model directory holding it. */
  public static ModelManifest read(Path path) {
    Path file = Files.isDirectory(path) ? path.resolve(ShardContract.MANIFEST_FILE) : path;
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file.toString(), "no such file (a model directory holds "
          + ShardContract.MANIFEST_FILE + "; write one with export-model)");
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage());
    }
    return parse(file.toString(), bytes);
  }

  /**
   * Parses and validates manifest JSON, including that it lists every shard of its shape.
   *
   * @throws InvalidInputException naming {@code input}, what is wrong and its JSON path, e.g.
   *     {@code m.json: not a valid manifest: sha256 must be 64 lower-case hex digits, got "ABC" (at shards[1])}
   */
  public static ModelManifest parse(String input, byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw invalid(input, "not valid JSON", e);
    }
    if (!(root instanceof ObjectNode)) {
      throw new InvalidInputException(input, "the manifest must be a JSON object");
    }
    ModelManifest m;
    try {
      m = MAPPER.treeToValue(root, ModelManifest.class);
    } catch (JsonProcessingException e) {
      throw invalid(input, "not a valid manifest", e);
    }
    List<String> missing = new ArrayList<>(expectedNames(m.shape()));
    m.shards().forEach(s -> missing.remove(s.name()));
    if (!missing.isEmpty()) {
      throw new InvalidInputException(input, "shards are missing " + missing.size()
          + " of the model's shards, first " + missing.subList(0, Math.min(5, missing.size())));
    }
    return m;
  }

  /** Shard names of a model in manifest order: embed, per layer the gateway and its experts, head. */
  public static List<String> expectedNames(MoeModelShape shape) {
    List<String> names = new ArrayList<>();
    names.add(ShardContract.EMBED);
    for (int l = 0; l < shape.layers(); l++) {
      names.add(ShardContract.gatewayName(l));
      for (int e = 0; e < shape.experts(); e++) {
        names.add(ShardContract.expertName(l, e));
      }
    }
    names.add(ShardContract.HEAD);
    return names;
  }

  private static void inRange(String field, Integer value, int count) {
    if (value != null && (value < 0 || value >= count)) {
      throw new IllegalArgumentException(field + " " + value + " is outside [0, " + (count - 1) + "]");
    }
  }

  /** The strict mapper's one-line message, without Jackson's "Cannot construct instance" preamble. */
  private static InvalidInputException invalid(String input, String what, IOException e) {
    String problem = StrictJson.describe(e).replaceFirst("^not valid JSON for this message: ", "")
        .replaceFirst("^Cannot construct instance of `[^`]*`, problem: ", "");
    return new InvalidInputException(input, what + ": " + problem);
  }
}
