package org.spacemoe.orbit;

import java.nio.file.Path;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.TleLoader;

/** The {@link TleLoader} of this module (registered in {@code META-INF/services}): {@link TleConstellationLoader}. */
public final class OrekitTleLoader implements TleLoader {
  @Override
  public Constellation load(Path file, Integer planes) {
    return TleConstellationLoader.load(file, planes);
  }
}
