package org.spacemoe.onboard.planstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code COMPLETE} file of a plan directory, written last: its presence says every other file of the
 * directory is on disk and checked; its content lists the shards held and their SHA-256, so that the directory
 * can be re-verified later without the context it was staged with.
 * {@code {"version": V, "shards": {"embed": "<sha256>", ...}}}.
 */
record CompleteMarker(long version, Map<String, String> shards) {
  static final String NAME = "COMPLETE";
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  CompleteMarker {
    shards = Map.copyOf(shards);
  }

  byte[] toJson() {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("version", version);
    ObjectNode s = n.putObject("shards");
    new TreeMap<>(shards).forEach(s::put);
    return (n.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static CompleteMarker parse(byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(NAME + " is not valid JSON");
    }
    if (root == null || !root.isObject() || !root.path("version").isIntegralNumber()
        || !root.path("shards").isObject()) {
      throw new IllegalArgumentException(NAME + " must be {\"version\": V, \"shards\": {...}}");
    }
    Map<String, String> shards = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("shards").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual() || !SHA256.matcher(e.getValue().textValue()).matches()) {
        throw new IllegalArgumentException(NAME + ": shard " + e.getKey() + " has no valid SHA-256");
      }
      shards.put(e.getKey(), e.getValue().textValue());
    }
    return new CompleteMarker(root.get("version").longValue(), shards);
  }
}
