package org.spacemoe.ground.split;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.input.StrictJson;
import org.spacemoe.shared.model.HiddenStateCodec;

/**
 * The per-codec accuracy losses the split planner charges per cut, read from the bench's codec-loss file:
 * {@code {"source": "...", "codecs": {"fp32": {"bytesPerValue": 4.0, "lossPerCut": 0.0, "meanCosine": 1.0,
 * "minCosine": 1.0, "greedyAgreement": 1.0}, "fp16": {...}, "int8": {...}}}}. fp32 is required; fp16 and int8
 * are optional (a codec that is absent is never chosen). Every field is required and no other is allowed.
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

  /** The file as bound, before the range checks. */
  record Document(String source, Map<CodecKey, Measured> codecs) {}

  /** A key of {@code codecs}: a codec's wire name. */
  record CodecKey(HiddenStateCodec codec) {
    @JsonCreator
    static CodecKey of(String wireName) {
      return new CodecKey(HiddenStateCodec.byWireName(wireName).orElseThrow(() -> new IllegalArgumentException(
          "unknown codec '" + wireName + "'; use fp32, fp16 or int8")));
    }
  }

  /** One entry of {@code codecs}: the fields of {@link CodecLoss} but the codec, which is its key. */
  record Measured(double bytesPerValue, double lossPerCut, double meanCosine, double minCosine,
      double greedyAgreement) {}

  /** Parses codec-loss JSON; {@code input} names the source in errors. */
  public static CodecLossTable parse(String input, byte[] bytes) {
    Document d;
    try {
      d = StrictJson.mapper().readValue(bytes, Document.class);
    } catch (IOException e) {
      boolean syntax = e instanceof JsonParseException || e.getCause() instanceof JsonParseException;
      String what = syntax ? "not JSON: " : "not a codec-loss file: ";
      throw new InvalidInputException(input, what + StrictJson.describe(e));
    }
    if (d == null) {
      throw new InvalidInputException(input, "expected a JSON object with \"source\" and \"codecs\"");
    }
    if (d.source() == null || d.source().isBlank()) {
      throw new InvalidInputException(input, "\"source\" must be a non-empty string naming the bench run");
    }
    if (d.codecs() == null || d.codecs().isEmpty()) {
      throw new InvalidInputException(input, "\"codecs\" must be a non-empty object keyed by fp32, fp16, int8");
    }
    Map<HiddenStateCodec, CodecLoss> out = new EnumMap<>(HiddenStateCodec.class);
    d.codecs().forEach((key, loss) -> out.put(key.codec(), checked(input, key.codec(), loss)));
    if (!out.containsKey(HiddenStateCodec.FP32)) {
      throw new InvalidInputException(input, "\"codecs\" has no fp32 entry (the uncompressed reference is required)");
    }
    return new CodecLossTable(d.source(), out);
  }

  private static CodecLoss checked(String input, HiddenStateCodec codec, Measured m) {
    String at = "codecs." + codec.wireName();
    if (m == null) {
      throw new InvalidInputException(input, at + ": expected an object");
    }
    inRange(input, at + ".bytesPerValue", m.bytesPerValue(), Double.MIN_VALUE, 64);
    inRange(input, at + ".lossPerCut", m.lossPerCut(), 0, 1);
    inRange(input, at + ".meanCosine", m.meanCosine(), -1, 1);
    inRange(input, at + ".minCosine", m.minCosine(), -1, 1);
    inRange(input, at + ".greedyAgreement", m.greedyAgreement(), 0, 1);
    if (m.minCosine() > m.meanCosine() + 1e-12) {
      throw new InvalidInputException(input, at + ": minCosine " + m.minCosine() + " exceeds meanCosine "
          + m.meanCosine());
    }
    return new CodecLoss(codec, m.bytesPerValue(), m.lossPerCut(), m.meanCosine(), m.minCosine(),
        m.greedyAgreement());
  }

  private static void inRange(String input, String at, double d, double min, double max) {
    if (!Double.isFinite(d) || d < min || d > max) {
      String range = min == Double.MIN_VALUE ? "in (0, " + max + "]" : "in [" + min + ", " + max + "]";
      throw new InvalidInputException(input, at + ": must be a finite number " + range + ", got " + d);
    }
  }
}
