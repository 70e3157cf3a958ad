package org.spacemoe.shared.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.input.StrictJson;

/**
 * SpaceMoE's own activation statistics file:
 * {@code {"format": "spacemoe-activation-stats", "version": 1, "source": "...", "layers": [[...], ...]}}
 * ({@code source} optional, no other field). Written with the shares as weights, one layer per line, the same
 * bytes for the same statistics.
 */
public final class ActivationStatisticsJson {
  public static final String FORMAT = "spacemoe-activation-stats";
  public static final int VERSION = 1;
  private static final ObjectWriter WRITER = StrictJson.mapper().writer(new DefaultPrettyPrinter(
      Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new LayerPerLine()));

  private ActivationStatisticsJson() {}

  /**
   * The file as bound.
   *
   * @param source how the counts were obtained, or null
   * @param layers {@code [layers][experts]} counts or weights
   */
  @JsonPropertyOrder({"format", "version", "source", "layers"})
  record Document(String format, int version, @JsonInclude(JsonInclude.Include.NON_NULL) String source,
      double[][] layers) {}

  public static String toJson(ActivationStatistics stats) {
    double[][] layers = new double[stats.layers()][];
    for (int l = 0; l < layers.length; l++) {
      layers[l] = stats.layerShares(l);
    }
    try {
      return WRITER.writeValueAsString(new Document(FORMAT, VERSION, stats.source(), layers)) + "\n";
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
    JsonNode version = root.path("version");
    if (version.isIntegralNumber() && (!version.canConvertToInt() || version.intValue() != VERSION)) {
      throw new InvalidInputException(input, "version " + version.asText() + " is not supported, this tool reads "
          + FORMAT + " version " + VERSION);
    }
    if (root.has("layers")) {
      CountArrays.requireShape(input, "\"layers\"", root.get("layers"), "[layers][experts]", 2);
    }
    if (!root.has("source")) {
      ((ObjectNode) root).putNull("source"); // optional: absent is null, every other field is required
    }
    Document d = ActivationStatisticsFile.bind(input, root, Document.class);
    double[][] counts = CountArrays.matrix(input, d.layers());
    return new ActivationStatistics(d.source() == null ? input : input + " (" + d.source() + ")", counts);
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
