package org.spacemoe.shared.stats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * SpaceMoE's own activation statistics file:
 * {@code {"format": "spacemoe-activation-stats", "version": 1, "source": "...", "layers": [[...], ...]}}.
 * Written with the shares as weights, one layer per line, the same bytes for the same statistics.
 */
public final class ActivationStatisticsJson {
  public static final String FORMAT = "spacemoe-activation-stats";
  public static final int VERSION = 1;
  private static final List<String> FIELDS = List.of("format", "version", "source", "layers");
  private static final JsonMapper MAPPER = new JsonMapper();
  private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter(
      Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new LayerPerLine()));

  private ActivationStatisticsJson() {}

  public static String toJson(ActivationStatistics stats) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    if (stats.source() != null) {
      root.put("source", stats.source());
    }
    ArrayNode layers = root.putArray("layers");
    for (int l = 0; l < stats.layers(); l++) {
      ArrayNode row = layers.addArray();
      for (double s : stats.layerShares(l)) {
        row.add(s);
      }
    }
    try {
      return WRITER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("activation statistics not serialisable", e);
    }
  }

  public static void write(ActivationStatistics stats, Path out) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, toJson(stats), StandardCharsets.UTF_8);
  }

  /** Reads a parsed file whose root object has a {@code format} field. */
  static ActivationStatistics fromTree(String input, JsonNode root) {
    JsonNode format = root.get("format");
    if (!format.isTextual()) {
      throw new InvalidInputException(input, "\"format\" is " + JsonNodeText.describe(format) + ", expected \""
          + FORMAT + "\"");
    }
    if (!FORMAT.equals(format.textValue())) {
      throw new InvalidInputException(input, "unknown format \"" + format.textValue() + "\", expected \""
          + FORMAT + "\" (or an SGLang dump with \"logical_count\")");
    }
    JsonNode version = root.get("version");
    if (version == null) {
      throw new InvalidInputException(input, "missing \"version\", expected " + VERSION);
    }
    if (!version.isIntegralNumber()) {
      throw new InvalidInputException(input, "\"version\" is " + JsonNodeText.describe(version) + ", expected an integer");
    }
    if (!version.canConvertToInt() || version.intValue() != VERSION) {
      throw new InvalidInputException(input, "version " + version.asText() + " is not supported, this tool reads "
          + FORMAT + " version " + VERSION);
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        throw new InvalidInputException(input, "unknown field \"" + name + "\", allowed: " + String.join(", ", FIELDS));
      }
    }
    JsonNode source = root.get("source");
    if (source != null && !source.isTextual()) {
      throw new InvalidInputException(input, "\"source\" is " + JsonNodeText.describe(source) + ", expected a string");
    }
    JsonNode layers = root.get("layers");
    if (layers == null) {
      throw new InvalidInputException(input, "missing \"layers\" ([layers][experts] counts)");
    }
    double[][] counts = CountArrays.matrix(input, "\"layers\"", layers);
    return new ActivationStatistics(source == null ? input : input + " (" + source.textValue() + ")", counts);
  }

  /** Puts each row of the {@code layers} array on its own line and keeps the numbers of a row on one line. */
  private static final class LayerPerLine implements DefaultPrettyPrinter.Indenter {
    private static final DefaultIndenter LINES = new DefaultIndenter("  ", "\n");

    @Override
    public void writeIndentation(JsonGenerator g, int level) throws IOException {
      if (g.getOutputContext().getParent().inObject()) {
        LINES.writeIndentation(g, level);
      } else {
        g.writeRaw(' ');
      }
    }

    @Override
    public boolean isInline() {
      return false;
    }
  }
}
