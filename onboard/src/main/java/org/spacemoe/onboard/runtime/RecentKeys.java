package org.spacemoe.onboard.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A set that keeps only the last {@code capacity} keys added (older ones are forgotten): bounded memory. */
final class RecentKeys {
  private RecentKeys() {}

  static <K> Set<K> create(int capacity) {
    return Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Boolean> eldest) {
        return size() > capacity;
      }
    });
  }
}
