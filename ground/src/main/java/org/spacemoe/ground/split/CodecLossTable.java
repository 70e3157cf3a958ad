package org.spacemoe.ground.split;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.input.StrictJson;
import org.spacemoe.shared.model.HiddenStateCodec;

/**
 * The per-codec accuracy losses the split planner charges per cut, read from the bench's codec-loss file:
 * {@code {"source": "...", "codecs": {"fp32": {"bytesPerValue": 4.0, "lossPerCut": 0.0, "meanCosine": 1.0,
 * "minCosine": 1.0, "greedyAgreement": 1.0}, "fp16": {...}, "int8": {...}}}}. fp32 is required; fp16 and int8
 * are optional (a codec that is absent is never chosen). Extra keys are ignored.
 *
 * @param source where the numbers come from (the bench run), for reports
 * @param codecs the codecs the file measured, in codec order
 */
public record CodecLossTable(String source, Map<HiddenStateCodec, CodecLoss> codecs) {
  /** Larger files are refused before parsing. */
  public static final long MAX_FILE_BYTES = 1 << 20;

  public CodecLossTable {
    codecs = Collections.unmodifiableMap(new EnumMap<>(codecs));
    if (!codecs.containsKey(HiddenStateCodec.FP32)) {
      throw new IllegalArgumentException("fp32 is required");
    }
  }

  /** The codecs available to the planner, in enum order (fp32 first). */
  public List<HiddenStateCodec> available() {
    return new ArrayList<>(codecs.keySet());
  }

  public double lossPerCut(HiddenStateCodec c) {
    return codecs.get(c).lossPerCut();
  }

  /** The same table with only fp32 (the no-compression baseline). */
  public CodecLossTable fp32Only() {
    return new CodecLossTable(source, Map.of(HiddenStateCodec.FP32, codecs.get(HiddenStateCodec.FP32)));
  }

  /** Reads and checks a codec-loss file; every problem is one line naming the file and the field. */
  public static CodecLossTable read(Path file) {
    String input = file.toString();
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new InvalidInputException(input, "larger than " + MAX_FILE_BYTES + " bytes; not a codec-loss file");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidInputException(input, "cannot read: " + e.getMessage());
    }
    return parse(input, bytes);
  }

  /** Parses codec-loss JSON; {@code input} names the source in errors. */
  public static CodecLossTable parse(String input, byte[] bytes) {
    JsonNode root;
    try {
      root = StrictJson.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new InvalidInputException(input, "not JSON: " + StrictJson.describe(e));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(input, "expected a JSON object with \"source\" and \"codecs\"");
    }
    JsonNode source = root.get("source");
    if (source == null || !source.isTextual() || source.asText().isBlank()) {
      throw new InvalidInputException(input, "\"source\" must be a non-empty string naming the bench run");
    }
    JsonNode codecs = root.get("codecs");
    if (codecs == null || !codecs.isObject() || codecs.isEmpty()) {
      throw new InvalidInputException(input, "\"codecs\" must be a non-empty object keyed by fp32, fp16, int8");
    }
    Map<HiddenStateCodec, CodecLoss> out = new EnumMap<>(HiddenStateCodec.class);
    for (Iterator<Map.Entry<String, JsonNode>> it = codecs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      HiddenStateCodec codec = codecNamed(input, e.getKey());
      out.put(codec, entry(input, codec, e.getValue()));
    }
    if (!out.containsKey(HiddenStateCodec.FP32)) {
      throw new InvalidInputException(input, "\"codecs\" has no fp32 entry (the uncompressed reference is required)");
    }
    return new CodecLossTable(source.asText(), out);
  }

  private static HiddenStateCodec codecNamed(String input, String name) {
    return HiddenStateCodec.byWireName(name).orElseThrow(
        () -> new InvalidInputException(input, "codecs." + name + ": unknown codec; use fp32, fp16 or int8"));
  }

  private static CodecLoss entry(String input, HiddenStateCodec codec, JsonNode node) {
    String at = "codecs." + codec.wireName();
    if (!node.isObject()) {
      throw new InvalidInputException(input, at + ": expected an object");
    }
    double bytesPerValue = number(input, at, node, "bytesPerValue", Double.MIN_VALUE, 64);
    double loss = number(input, at, node, "lossPerCut", 0, 1);
    double meanCos = number(input, at, node, "meanCosine", -1, 1);
    double minCos = number(input, at, node, "minCosine", -1, 1);
    double agreement = number(input, at, node, "greedyAgreement", 0, 1);
    if (minCos > meanCos + 1e-12) {
      throw new InvalidInputException(input, at + ": minCosine " + minCos + " exceeds meanCosine " + meanCos);
    }
    return new CodecLoss(codec, bytesPerValue, loss, meanCos, minCos, agreement);
  }

  private static double number(String input, String at, JsonNode node, String field, double min, double max) {
    JsonNode v = node.get(field);
    if (v == null) {
      throw new InvalidInputException(input, at + "." + field + ": missing");
    }
    if (!v.isNumber()) {
      throw new InvalidInputException(input, at + "." + field + ": must be a number, got " + v);
    }
    double d = v.asDouble();
    if (!Double.isFinite(d) || d < min || d > max) {
      String range = min == Double.MIN_VALUE ? "in (0, " + max + "]" : "in [" + min + ", " + max + "]";
      throw new InvalidInputException(input, at + "." + field + ": must be a finite number " + range + ", got " + v);
    }
    return d;
  }
}
