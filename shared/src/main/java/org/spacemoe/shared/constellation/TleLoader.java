package org.spacemoe.shared.constellation;

import java.nio.file.Path;
import java.util.ServiceLoader;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Reads a {@code tle:} constellation: real satellites from a TLE file, propagated with SGP4. The implementation
 * lives in the orbit module (Orekit), found through {@link ServiceLoader}, so that the flight artifact, which
 * never propagates a TLE unless its plan is a {@code tle:} one, does not carry an orbit library.
 */
public interface TleLoader {
  /**
   * @param file TLE file (2-line or 3-line sets)
   * @param planes number of planes to group into, or {@code null} to infer them from the elements
   * @throws InvalidInputException naming the file (and line) when it cannot be read or is not valid
   */
  Constellation load(Path file, Integer planes);

  /**
   * The loader on the class path.
   *
   * @throws InvalidInputException naming {@code input} when no orbit module is present
   */
  static TleLoader find(String input) {
    return ServiceLoader.load(TleLoader.class, TleLoader.class.getClassLoader()).findFirst()
        .orElseThrow(() -> new InvalidInputException(input, "tle: constellations need the orbit module"
            + " (spacemoe-orbit), which is not on the class path: the ground and hil tools have it; an onboard"
            + " node serving a tle: plan needs lib/ext/spacemoe-orbit-ext.jar in its distribution"));
  }
}
