package org.spacemoe.shared.stats;

import com.fasterxml.jackson.databind.JsonNode;

/** Short descriptions of JSON values for error messages. */
final class JsonNodeText {
  private static final int MAX_TEXT = 40;

  private JsonNodeText() {}

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      String t = node.textValue();
      return "a string (\"" + (t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) + "..." : t) + "\")";
    }
    if (node.isBoolean()) {
      return "a boolean (" + node.booleanValue() + ")";
    }
    if (node.isNumber()) {
      return "a number (" + node.asText() + ")";
    }
    if (node.isArray()) {
      return "an array";
    }
    return node.isObject() ? "an object" : "a " + node.getNodeType().name().toLowerCase();
  }
}
