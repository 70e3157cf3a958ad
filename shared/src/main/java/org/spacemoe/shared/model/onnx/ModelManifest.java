package org.spacemoe.shared.model.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * {@code manifest.json} of an exported model: identity (preset, shape, seed, Zipf skew, weight format) and every
 * shard with its digest. Written deterministically (same model, same bytes); {@link #read(Path)} checks every
 * field and that the shards are exactly the model's: one embed, one head, one gateway per layer, one expert
 * shard per layer and expert, named and filed by {@link ShardContract}.
 *
 * @param format always {@value #FORMAT}
 * @param version always {@value #VERSION}
 * @param preset the shape's name
 * @param shape the model shape
 * @param seed weight seed
 * @param zipf Zipf exponent of expert popularity (>= 0)
 * @param weights how initializers are stored
 * @param opset ONNX opset of the default domain
 * @param irVersion ONNX IR version
 * @param routerBiasScale the calibrated factor {@code alpha} of {@link RouterBias} (informative)
 * @param shards embed, then per layer the gateway and its experts, then head
 */
public record ModelManifest(String format, int version, String preset, MoeModelShape shape, long seed, double zipf,
    WeightFormat weights, int opset, int irVersion, double routerBiasScale, List<ShardEntry> shards) {
  public static final String FORMAT = "spacemoe-model";
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> FIELDS = Set.of("format", "version", "preset", "shape", "seed", "zipf", "weights",
      "opset", "irVersion", "routerBiasScale", "shards");
  private static final Set<String> SHAPE_FIELDS = Set.of("name", "layers", "experts", "topK", "hidden",
      "expertWidth", "vocab", "heads");
  private static final Set<String> SHARD_FIELDS = Set.of("name", "file", "kind", "layer", "expert", "sha256",
      "bytes", "flopsPerToken", "flopsPerContextToken", "inputs", "outputs", "reference");
  private static final Set<String> REFERENCE_FIELDS = Set.of("seed", "tolerance", "outputs");
  private static final Set<String> OUTPUT_SAMPLE_FIELDS = Set.of("count", "meanAbs", "sample");

  public ModelManifest {
    shards = List.copyOf(shards);
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
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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

  /** Parses and validates manifest JSON; errors name {@code input} and the field. */
  public static ModelManifest parse(String input, byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
      throw new InvalidInputException(input, "not valid JSON: " + msg);
    }
    return new Reader(input).manifest(root);
  }

  /** Field-by-field validation with messages such as {@code shards[3].sha256 is missing}. */
  private static final class Reader {
    private final String input;

    Reader(String input) {
      this.input = input;
    }

    ModelManifest manifest(JsonNode root) {
      if (root == null || !root.isObject()) {
        throw bad("the manifest must be a JSON object");
      }
      unknownFields(root, FIELDS, "");
      String format = text(root, "format", "");
      if (!FORMAT.equals(format)) {
        throw bad("format is \"" + format + "\", expected \"" + FORMAT + "\"");
      }
      int version = integer(root, "version", "");
      if (version != VERSION) {
        throw bad("version " + version + " is not supported (this reader knows " + VERSION + ")");
      }
      String preset = text(root, "preset", "");
      MoeModelShape shape = shape(field(root, "shape", ""));
      if (!preset.equals(shape.name())) {
        throw bad("preset \"" + preset + "\" differs from shape.name \"" + shape.name() + "\"");
      }
      long seed = longValue(root, "seed", "");
      double zipf = number(root, "zipf", "");
      if (!(zipf >= 0) || Double.isInfinite(zipf)) {
        throw bad("zipf must be finite and >= 0, got " + zipf);
      }
      String weightsText = text(root, "weights", "");
      WeightFormat weights;
      try {
        weights = WeightFormat.parse(weightsText);
      } catch (InvalidInputException e) {
        throw bad("weights is \"" + weightsText + "\", expected fp32 or fp16");
      }
      int opset = integer(root, "opset", "");
      int irVersion = integer(root, "irVersion", "");
      if (opset < 1 || irVersion < 1) {
        throw bad("opset and irVersion must be positive, got " + opset + " and " + irVersion);
      }
      double alpha = number(root, "routerBiasScale", "");
      JsonNode shardsNode = field(root, "shards", "");
      if (!shardsNode.isArray() || shardsNode.isEmpty()) {
        throw bad("shards must be a non-empty array");
      }
      List<ShardEntry> shards = new ArrayList<>();
      for (int i = 0; i < shardsNode.size(); i++) {
        shards.add(shard(shardsNode.get(i), "shards[" + i + "].", shape));
      }
      complete(shards, shape);
      return new ModelManifest(format, version, preset, shape, seed, zipf, weights, opset, irVersion, alpha, shards);
    }

    private MoeModelShape shape(JsonNode n) {
      if (!n.isObject()) {
        throw bad("shape must be an object");
      }
      unknownFields(n, SHAPE_FIELDS, "shape.");
      try {
        return new MoeModelShape(text(n, "name", "shape."), integer(n, "layers", "shape."),
            integer(n, "experts", "shape."), integer(n, "topK", "shape."), integer(n, "hidden", "shape."),
            integer(n, "expertWidth", "shape."), integer(n, "vocab", "shape."), integer(n, "heads", "shape."));
      } catch (InvalidInputException e) {
        if (e.getMessage().startsWith(input + ":")) {
          throw e;
        }
        throw bad("shape: " + e.getMessage());
      }
    }

    private ShardEntry shard(JsonNode n, String at, MoeModelShape shape) {
      if (n == null || !n.isObject()) {
        throw bad(at.substring(0, at.length() - 1) + " must be an object");
      }
      unknownFields(n, SHARD_FIELDS, at);
      String name = text(n, "name", at);
      String file = text(n, "file", at);
      String kindText = text(n, "kind", at);
      ShardKind kind = ShardKind.fromWireName(kindText);
      if (kind == null) {
        throw bad(at + "kind is \"" + kindText + "\", expected embed, gateway, expert or head");
      }
      Integer layer = null;
      Integer expert = null;
      if (kind == ShardKind.GATEWAY || kind == ShardKind.EXPERT) {
        layer = integer(n, "layer", at);
        if (layer < 0 || layer >= shape.layers()) {
          throw bad(at + "layer " + layer + " is outside [0, " + (shape.layers() - 1) + "]");
        }
      } else if (n.has("layer")) {
        throw bad(at + "layer is not allowed for a " + kindText + " shard");
      }
      if (kind == ShardKind.EXPERT) {
        expert = integer(n, "expert", at);
        if (expert < 0 || expert >= shape.experts()) {
          throw bad(at + "expert " + expert + " is outside [0, " + (shape.experts() - 1) + "]");
        }
      } else if (n.has("expert")) {
        throw bad(at + "expert is not allowed for a " + kindText + " shard");
      }
      String expectedName = ShardContract.shardName(kind, layer == null ? 0 : layer, expert == null ? 0 : expert);
      if (!name.equals(expectedName)) {
        throw bad(at + "name \"" + name + "\" should be \"" + expectedName + "\" for this kind, layer and expert");
      }
      if (!file.equals(ShardContract.fileName(name))) {
        throw bad(at + "file \"" + file + "\" should be \"" + ShardContract.fileName(name) + "\"");
      }
      String sha = text(n, "sha256", at);
      if (!SHA256.matcher(sha).matches()) {
        throw bad(at + "sha256 must be 64 lower-case hex digits, got \"" + abbreviate(sha) + "\"");
      }
      long bytes = longValue(n, "bytes", at);
      if (bytes <= 0) {
        throw bad(at + "bytes must be > 0, got " + bytes);
      }
      double flops = number(n, "flopsPerToken", at);
      double ctxFlops = number(n, "flopsPerContextToken", at);
      if (!(flops >= 0) || !(ctxFlops >= 0) || Double.isInfinite(flops) || Double.isInfinite(ctxFlops)) {
        throw bad(at + "flopsPerToken and flopsPerContextToken must be finite and >= 0");
      }
      List<String> inputs = names(n, "inputs", at);
      List<String> outputs = names(n, "outputs", at);
      if (!inputs.equals(ShardContract.inputs(kind)) || !outputs.equals(ShardContract.outputs(kind))) {
        throw bad(at + "inputs/outputs " + inputs + " -> " + outputs + " differ from the " + kindText
            + " contract " + ShardContract.inputs(kind) + " -> " + ShardContract.outputs(kind));
      }
      ShardReference reference = n.hasNonNull("reference") ? reference(n.get("reference"), at + "reference.", kind)
          : null;
      return new ShardEntry(name, file, kind, layer, expert, sha, bytes, flops, ctxFlops, inputs, outputs,
          reference);
    }

    private ShardReference reference(JsonNode n, String at, ShardKind kind) {
      if (!n.isObject()) {
        throw bad(at.substring(0, at.length() - 1) + " must be an object");
      }
      unknownFields(n, REFERENCE_FIELDS, at);
      long seed = longValue(n, "seed", at);
      double tolerance = number(n, "tolerance", at);
      if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
        throw bad(at + "tolerance must be finite and > 0, got " + tolerance);
      }
      JsonNode outs = field(n, "outputs", at);
      if (!outs.isObject()) {
        throw bad(at + "outputs must be an object");
      }
      Set<String> names = new java.util.TreeSet<>();
      outs.fieldNames().forEachRemaining(names::add);
      if (!names.equals(new java.util.TreeSet<>(ShardContract.outputs(kind)))) {
        throw bad(at + "outputs has " + names + ", a " + kind.wireName() + " shard has "
            + new java.util.TreeSet<>(ShardContract.outputs(kind)));
      }
      Map<String, ShardReference.OutputSample> samples = new HashMap<>();
      for (String name : names) {
        String oat = at + "outputs." + name + ".";
        JsonNode o = outs.get(name);
        if (!o.isObject()) {
          throw bad(oat.substring(0, oat.length() - 1) + " must be an object");
        }
        unknownFields(o, OUTPUT_SAMPLE_FIELDS, oat);
        int count = integer(o, "count", oat);
        if (count < 1) {
          throw bad(oat + "count must be >= 1, got " + count);
        }
        double meanAbs = number(o, "meanAbs", oat);
        if (!(meanAbs >= 0) || Double.isInfinite(meanAbs)) {
          throw bad(oat + "meanAbs must be finite and >= 0, got " + meanAbs);
        }
        JsonNode sample = field(o, "sample", oat);
        int want = ShardReference.sampleCount(count);
        if (!sample.isArray() || sample.size() != want) {
          throw bad(oat + "sample must be an array of " + want + " numbers");
        }
        List<Double> values = new ArrayList<>();
        for (JsonNode v : sample) {
          if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw bad(oat + "sample must hold finite numbers, got " + abbreviate(v.toString()));
          }
          values.add(v.doubleValue());
        }
        samples.put(name, new ShardReference.OutputSample(count, meanAbs, values));
      }
      return new ShardReference(seed, tolerance, samples);
    }

    private void complete(List<ShardEntry> shards, MoeModelShape shape) {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < shards.size(); i++) {
        Integer before = seen.put(shards.get(i).name(), i);
        if (before != null) {
          throw bad("shards[" + i + "] repeats shard \"" + shards.get(i).name() + "\" of shards[" + before + "]");
        }
      }
      List<String> missing = new ArrayList<>();
      for (String needed : expectedNames(shape)) {
        if (!seen.containsKey(needed)) {
          missing.add(needed);
        }
      }
      if (!missing.isEmpty()) {
        throw bad("shards are missing " + missing.size() + " of the model's shards, first "
            + missing.subList(0, Math.min(5, missing.size())));
      }
    }

    private JsonNode field(JsonNode n, String name, String at) {
      JsonNode v = n.get(name);
      if (v == null || v.isNull()) {
        throw bad(at + name + " is missing");
      }
      return v;
    }

    private String text(JsonNode n, String name, String at) {
      JsonNode v = field(n, name, at);
      if (!v.isTextual()) {
        throw bad(at + name + " must be a string, got " + v.getNodeType().name().toLowerCase());
      }
      return v.textValue();
    }

    private long longValue(JsonNode n, String name, String at) {
      JsonNode v = field(n, name, at);
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw bad(at + name + " must be an integer, got " + abbreviate(v.toString()));
      }
      return v.longValue();
    }

    private int integer(JsonNode n, String name, String at) {
      JsonNode v = field(n, name, at);
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        throw bad(at + name + " must be an integer, got " + abbreviate(v.toString()));
      }
      return v.intValue();
    }

    private double number(JsonNode n, String name, String at) {
      JsonNode v = field(n, name, at);
      if (!v.isNumber()) {
        throw bad(at + name + " must be a number, got " + abbreviate(v.toString()));
      }
      return v.doubleValue();
    }

    private List<String> names(JsonNode n, String name, String at) {
      JsonNode v = field(n, name, at);
      if (!v.isArray()) {
        throw bad(at + name + " must be an array of strings");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : v) {
        if (!e.isTextual()) {
          throw bad(at + name + " must be an array of strings");
        }
        out.add(e.textValue());
      }
      return out;
    }

    private void unknownFields(JsonNode n, Set<String> known, String at) {
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!known.contains(f)) {
          throw bad(at + f + " is not a manifest field");
        }
      }
    }

    private InvalidInputException bad(String problem) {
      return new InvalidInputException(input, problem);
    }

    private static String abbreviate(String s) {
      return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
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
}
