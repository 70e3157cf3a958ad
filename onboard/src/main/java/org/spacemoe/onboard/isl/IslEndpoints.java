package org.spacemoe.onboard.isl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each satellite's ISL broker endpoint ({@code isl-endpoints}: {@code SATELLITE=URI}); a satellite not listed has
 * the fallback (the node's {@code broker}).
 */
public final class IslEndpoints {
  private final Map<String, String> uris = new HashMap<>();
  private final String fallback;

  /**
   * @param entries {@code SATELLITE=URI} strings
   * @throws IllegalArgumentException naming {@code isl-endpoints} and the entry when one is malformed or repeated
   */
  public IslEndpoints(List<String> entries, String fallback) {
    this.fallback = fallback;
    for (String e : entries) {
      int eq = e.indexOf('=');
      if (eq <= 0 || eq == e.length() - 1) {
        throw new IllegalArgumentException("isl-endpoints: '" + e + "' is not SATELLITE=URI");
      }
      if (uris.put(e.substring(0, eq), e.substring(eq + 1)) != null) {
        throw new IllegalArgumentException("isl-endpoints: satellite " + e.substring(0, eq) + " is given twice");
      }
    }
  }

  /** The broker URI of {@code satellite}'s ISL endpoint. */
  public String of(String satellite) {
    return uris.getOrDefault(satellite, fallback);
  }
}
