package org.spacemoe.shared.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.regex.Pattern;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.input.StrictJson;

/** Shared checks of the uplink's JSON messages. */
final class UplinkJson {
  static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private UplinkJson() {}

  /** The {@code format} field of a JSON object, without mapping the rest. */
  static String formatOf(String input, byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidInputException(input, "empty message");
    }
    if (bytes.length > UplinkMessage.MAX_JSON_BYTES) {
      throw new InvalidInputException(input, bytes.length + " bytes exceed the limit of "
          + UplinkMessage.MAX_JSON_BYTES);
    }
    JsonNode node;
    try {
      node = StrictJson.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new InvalidInputException(input, "neither a shard chunk nor JSON: " + StrictJson.describe(e));
    }
    JsonNode f = node == null ? null : node.get("format");
    if (f == null || !f.isTextual()) {
      throw new InvalidInputException(input, "JSON without a text 'format' field");
    }
    return f.textValue();
  }

  /** Parses after checking the format field (the record's constructor checks the version). */
  static <T> T parse(String input, byte[] bytes, Class<T> type, String format) {
    String actual = formatOf(input, bytes);
    if (!format.equals(actual)) {
      throw new InvalidInputException(input, "format is '" + actual.replaceAll("\\p{Cntrl}", "?")
          + "', expected '" + format + "'");
    }
    return StrictJson.parse(input, bytes, type, UplinkMessage.MAX_JSON_BYTES);
  }

  static void checkFormat(String what, String format, int version, String expectedFormat, int expectedVersion) {
    if (!expectedFormat.equals(format)) {
      throw new IllegalArgumentException(what + ": format must be '" + expectedFormat + "', got '" + format + "'");
    }
    if (version != expectedVersion) {
      throw new IllegalArgumentException(what + ": version " + version + " is not supported (this reads "
          + expectedVersion + ")");
    }
  }

  static String requireSha256(String what, String hex) {
    if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException(what + " must be 64 lower-case hex characters, got "
          + (hex == null ? "null" : "'" + hex.substring(0, Math.min(hex.length(), 70)) + "'"));
    }
    return hex;
  }
}
