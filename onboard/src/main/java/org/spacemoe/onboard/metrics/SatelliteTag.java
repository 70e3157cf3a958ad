package org.spacemoe.onboard.metrics;

import java.util.List;

/**
 * The {@code satellite} tag every meter of a process carries: the hosted satellite on a board (one per process), or
 * {@code FIRST+N} for a process hosting {@code N} more (a bench in one process). One value per process, so the tag
 * adds no cardinality within a scrape target.
 */
public final class SatelliteTag {
  public static final String NAME = "satellite";

  private SatelliteTag() {}

  /** The tag's value for a process hosting {@code satellites}. */
  public static String value(List<String> satellites) {
    if (satellites.isEmpty()) {
      return "none";
    }
    return satellites.size() == 1 ? satellites.get(0) : satellites.get(0) + "+" + (satellites.size() - 1);
  }
}
