package org.spacemoe.shared.constellation;

import java.nio.file.Path;

/** Loads a constellation from a TLE file (SGP4 via Orekit). */
public final class TleConstellationLoader {
  private TleConstellationLoader() {}

  /**
   * @param file TLE file (2-line or 3-line sets)
   * @param planes number of planes to group into, or {@code null} to infer from the elements
   */
  public static Constellation load(Path file, Integer planes) {
    throw new UnsupportedOperationException("TLE loading is being implemented");
  }
}
