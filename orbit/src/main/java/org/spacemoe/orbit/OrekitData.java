package org.spacemoe.orbit;

import org.orekit.data.ClasspathCrawler;
import org.orekit.data.LazyLoadedDataContext;
import org.orekit.frames.Frame;
import org.orekit.time.TimeScale;
import org.orekit.time.UTCTAIHistoryFilesLoader;
import org.orekit.utils.IERSConventions;

/**
 * The Orekit data SpaceMoE uses, in a data context of its own: the process-wide default context
 * ({@code DataContext.getDefault()}) is neither configured nor read, so no orekit-data folder and no
 * download are needed.
 *
 * <ul>
 *   <li>UTC: leap seconds from the bundled {@code org/spacemoe/shared/orekit/UTC-TAI.history} (1972 to the
 *       2017-01-01 leap second, TAI - UTC = 37 s). A leap second announced after that file was written is
 *       missing until a line is added to it.</li>
 *   <li>Earth orientation parameters: none. Every convention gets an EOP loader that adds no entry, so Orekit
 *       builds an empty EOP history (UT1 - UTC, polar motion and nutation corrections all zero) and never
 *       searches for EOP files. SGP4 yields TEME states directly and nothing here converts TEME to another
 *       frame, so this has no effect on the positions.</li>
 *   <li>TEME: built by Orekit from its bundled IERS 1996 nutation tables (inside the Orekit jar).</li>
 * </ul>
 */
final class OrekitData {
  static final String LEAP_SECONDS_RESOURCE = "org/spacemoe/shared/orekit/UTC-TAI.history";

  private static final class Holder {
    static final OrekitData INSTANCE = new OrekitData();
  }

  private final TimeScale utc;
  private final Frame teme;

  private OrekitData() {
    LazyLoadedDataContext context = new LazyLoadedDataContext();
    context.getDataProvidersManager().addProvider(
        new ClasspathCrawler(OrekitData.class.getClassLoader(), LEAP_SECONDS_RESOURCE));
    context.getTimeScales().addUTCTAIOffsetsLoader(new UTCTAIHistoryFilesLoader(context.getDataProvidersManager()));
    for (IERSConventions conventions : IERSConventions.values()) {
      context.getFrames().addEOPHistoryLoader(conventions, (converter, history) -> {});
    }
    this.utc = context.getTimeScales().getUTC();
    this.teme = context.getFrames().getTEME();
  }

  static OrekitData get() {
    return Holder.INSTANCE;
  }

  TimeScale utc() {
    return utc;
  }

  /** True Equator Mean Equinox frame, the frame SGP4 states are expressed in. */
  Frame teme() {
    return teme;
  }
}
