package org.spacemoe.shared.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.spacemoe.shared.input.InvalidInputException;

/** Parses {@code key=value,key=value} spec bodies; unknown keys and bad numbers fail naming the input. */
public final class KeyValueSpec {
  private KeyValueSpec() {}

  public static Map<String, String> parse(String input, String body, Set<String> allowed) {
    Map<String, String> out = new LinkedHashMap<>();
    if (body == null || body.isBlank()) {
      return out;
    }
    for (String part : body.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException(input, "expected key=value, got '" + p + "'");
      }
      String key = p.substring(0, eq).trim();
      if (!allowed.contains(key)) {
        throw new InvalidInputException(input, "unknown key '" + key + "'; allowed: " + new TreeSet<>(allowed));
      }
      if (out.put(key, p.substring(eq + 1).trim()) != null) {
        throw new InvalidInputException(input, "key '" + key + "' given twice");
      }
    }
    return out;
  }

  public static int intValue(String input, Map<String, String> kv, String key, int dflt) {
    String v = kv.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(input, key + " must be an integer, got '" + v + "'");
    }
  }

  public static double doubleValue(String input, Map<String, String> kv, String key, double dflt) {
    String v = kv.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(input, key + " must be a finite number, got '" + v + "'");
    }
  }
}
