package org.spacemoe.onboard.planstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The content of {@code state.json}: {@code {"active": V or null, "staged": V or null, "previous": V or null}}.
 * The three versions, when present, are distinct and >= 1.
 */
record StoreState(Long active, Long staged, Long previous) {
  static final StoreState EMPTY = new StoreState(null, null, null);
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final List<String> FIELDS = List.of("active", "staged", "previous");

  StoreState {
    List<Long> present = new ArrayList<>();
    for (Long v : new Long[] {active, staged, previous}) {
      if (v != null) {
        if (v < 1) {
          throw new IllegalArgumentException("plan versions are >= 1, got " + v);
        }
        if (present.contains(v)) {
          throw new IllegalArgumentException("version " + v + " appears twice in " + active + "/" + staged + "/"
              + previous);
        }
        present.add(v);
      }
    }
  }

  /** The versions this state keeps (active, staged, previous). */
  Set<Long> referenced() {
    Set<Long> s = new LinkedHashSet<>();
    for (Long v : new Long[] {active, staged, previous}) {
      if (v != null) {
        s.add(v);
      }
    }
    return s;
  }

  boolean references(long v) {
    return Objects.equals(active, v) || Objects.equals(staged, v) || Objects.equals(previous, v);
  }

  StoreState withActive(Long v) {
    return new StoreState(v, staged, previous);
  }

  StoreState withStaged(Long v) {
    return new StoreState(active, v, previous);
  }

  StoreState withPrevious(Long v) {
    return new StoreState(active, staged, v);
  }

  /** This state without {@code v} in whichever slot holds it. */
  StoreState without(long v) {
    return new StoreState(Objects.equals(active, v) ? null : active, Objects.equals(staged, v) ? null : staged,
        Objects.equals(previous, v) ? null : previous);
  }

  byte[] toJson() {
    ObjectNode n = MAPPER.createObjectNode();
    put(n, "active", active);
    put(n, "staged", staged);
    put(n, "previous", previous);
    return (n.toString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void put(ObjectNode n, String k, Long v) {
    if (v == null) {
      n.putNull(k);
    } else {
      n.put(k, v);
    }
  }

  /** Parses {@code state.json} strictly; anything else is {@link IllegalArgumentException} with the reason. */
  static StoreState parse(byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      String m = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
      throw new IllegalArgumentException("not valid JSON: " + m);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException("unknown field " + f);
      }
    }
    return new StoreState(version(root, "active"), version(root, "staged"), version(root, "previous"));
  }

  private static Long version(JsonNode root, String field) {
    if (!root.has(field)) {
      throw new IllegalArgumentException(field + " is missing");
    }
    JsonNode v = root.get(field);
    if (v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new IllegalArgumentException(field + " must be an integer or null, got " + v);
    }
    return v.longValue();
  }

  @Override
  public String toString() {
    return "active=" + active + " staged=" + staged + " previous=" + previous;
  }
}
