package org.spacemoe.onboard.planstore;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The content of {@code state.json}: {@code {"active": V or null, "staged": V or null, "previous": V or null}},
 * every field present. The three versions, when present, are distinct and >= 1.
 */
@JsonPropertyOrder({"active", "staged", "previous"})
record StoreState(Long active, Long staged, Long previous) {
  static final StoreState EMPTY = new StoreState(null, null, null);

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

  /** Compact JSON and a newline, nulls written. */
  byte[] toJson() {
    return StoreJson.compact(this);
  }

  /** Parses {@code state.json} strictly; anything else is {@link IllegalArgumentException} with the reason. */
  static StoreState parse(byte[] json) {
    return StoreJson.read(json, StoreState.class);
  }

  @Override
  public String toString() {
    return "active=" + active + " staged=" + staged + " previous=" + previous;
  }
}
