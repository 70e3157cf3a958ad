package org.spacemoe.onboard.planstore;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code COMPLETE} file of a plan directory, written last: its presence says every other file of the
 * directory is on disk and checked; its content lists the shards held and their SHA-256, so that the directory
 * can be re-verified later without the context it was staged with.
 * {@code {"version": V, "shards": {"embed": "<sha256>", ...}}}, indented, shards sorted by name.
 *
 * @param shards shard name to lower-case hex SHA-256 (64 digits)
 */
@JsonPropertyOrder({"version", "shards"})
record CompleteMarker(long version, Map<String, String> shards) {
  static final String NAME = "COMPLETE";
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  CompleteMarker {
    if (shards == null) {
      throw new IllegalArgumentException("shards must be an object");
    }
    shards.forEach((name, sha) -> {
      if (sha == null || !SHA256.matcher(sha).matches()) {
        throw new IllegalArgumentException("shard " + name + " has no valid SHA-256");
      }
    });
    shards = Collections.unmodifiableMap(new TreeMap<>(shards));
  }

  byte[] toJson() {
    return StoreJson.pretty(this);
  }

  /** Parses {@code COMPLETE} strictly; anything else is {@link IllegalArgumentException} naming it and the reason. */
  static CompleteMarker parse(byte[] json) {
    try {
      return StoreJson.read(json, CompleteMarker.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(NAME + ": " + e.getMessage(), e);
    }
  }
}
