package org.spacemoe.shared.stats;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.input.StrictJson;
import org.spacemoe.shared.model.MoeModel;

/**
 * Reads activation statistics from a JSON file, recognising the format by content: SpaceMoE's own format
 * (a {@code format} field) or an SGLang expert distribution dump (a {@code logical_count} field). Read with
 * {@link StrictJson}'s configuration and one leniency: the tokens {@code NaN} and {@code Infinity} (which Python's
 * {@code json} writes) are read, so that the count holding one is named in the error. Numbers are not strings.
 */
public final class ActivationStatisticsFile {
  private static final JsonMapper MAPPER = StrictJson.configure(JsonMapper.builder())
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
      .build();

  private ActivationStatisticsFile() {}

  public static ActivationStatistics read(Path file, MoeModel model) {
    String input = file.toString();
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(input, "is a directory, expected a JSON file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(input, "no such file (statistics are uniform, zipf:S or a JSON file)");
    } catch (AccessDeniedException e) {
      throw new InvalidInputException(input, "cannot read: permission denied");
    } catch (IOException e) {
      throw new InvalidInputException(input, "cannot read: " + e.getMessage());
    }
    return parse(input, bytes, model);
  }

  /** Parses file content; {@code input} names it in error messages. */
  public static ActivationStatistics parse(String input, byte[] json, MoeModel model) {
    JsonNode root = tree(input, json);
    ActivationStatistics stats;
    if (root.isObject() && root.has("format")) {
      stats = ActivationStatisticsJson.fromTree(input, root);
    } else if (root.isObject() && root.has(SglangExpertDistribution.FIELD)) {
      stats = SglangExpertDistribution.fromTree(input, root);
    } else {
      throw new InvalidInputException(input, "unknown format: expected a JSON object with \"format\": \""
          + ActivationStatisticsJson.FORMAT + "\" or an SGLang dump with \"" + SglangExpertDistribution.FIELD
          + "\", got " + (root.isObject() ? "an object without either" : JsonNodeText.describe(root)));
    }
    if (stats.layers() != model.layers() || stats.experts() != model.experts()) {
      throw new InvalidInputException(input, "has shape [" + stats.layers() + "][" + stats.experts()
          + "], the model needs [" + model.layers() + "][" + model.experts() + "] ([layers][experts] of "
          + model.name() + ")");
    }
    return stats;
  }

  /** {@code node} bound to {@code type}; an error names the input, what is wrong and the JSON path. */
  static <T> T bind(String input, JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(input, StrictJson.describe(e));
    }
  }

  private static JsonNode tree(String input, byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String why = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage().split("\\R", 2)[0];
      throw new InvalidInputException(input, "is not valid JSON" + where + ": " + why);
    } catch (IOException e) {
      throw new InvalidInputException(input, "cannot read: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidInputException(input, "is empty, expected a JSON object");
    }
    return root;
  }
}
