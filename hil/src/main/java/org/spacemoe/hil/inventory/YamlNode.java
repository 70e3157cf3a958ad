package org.spacemoe.hil.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * A node of a YAML document with its path from the root ({@code boards[1].host}), so that every error names the
 * file, the path and the problem in one line.
 */
final class YamlNode {
  private final String file;
  private final String path;
  private final JsonNode node;

  YamlNode(String file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  String path() {
    return path;
  }

  JsonNode raw() {
    return node;
  }

  InvalidInputException error(String problem) {
    return new InvalidInputException(file, (path.isEmpty() ? "" : path + ": ") + problem);
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Refuses keys outside {@code allowed}. */
  YamlNode object(Set<String> allowed) {
    if (node == null || !node.isObject()) {
      throw error("must be a mapping");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new YamlNode(file, child(k), null).error("unknown key (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
    return this;
  }

  boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  YamlNode get(String key) {
    return new YamlNode(file, child(key), node.get(key));
  }

  YamlNode required(String key) {
    if (!has(key)) {
      throw new YamlNode(file, child(key), null).error("missing");
    }
    return get(key);
  }

  String text() {
    if (node == null || !node.isValueNode() || node.asText().isBlank()) {
      throw error("must be a non-empty string");
    }
    return node.asText().trim();
  }

  String text(String key, String defaultValue) {
    return has(key) ? get(key).text() : defaultValue;
  }

  int port(String key, int defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    YamlNode v = get(key);
    if (!v.node.canConvertToInt() || !v.node.isIntegralNumber() || v.node.asInt() < 1 || v.node.asInt() > 65535) {
      throw v.error("must be a port number 1..65535, got '" + v.node.asText() + "'");
    }
    return v.node.asInt();
  }

  List<YamlNode> list() {
    if (node == null || !node.isArray()) {
      throw error("must be a list");
    }
    List<YamlNode> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(new YamlNode(file, path + "[" + i + "]", node.get(i)));
    }
    return out;
  }
}
