package org.spacemoe.orbit;

import org.spacemoe.shared.constellation.Satellite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.PVCoordinates;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Loads a {@link TleConstellation} from a TLE file (SGP4 via Orekit): parses the sets, propagates every
 * satellite to the latest epoch of the file, groups satellites into planes ({@link PlaneGrouping}) and
 * names them.
 *
 * <p>Satellite names: the name line with whitespace and the MQTT topic characters {@code / + #} replaced by
 * {@code -}, or {@code NORAD-<catalogue number>} for a 2-line set; a name already taken gets
 * {@code -<catalogue number>} appended.
 */
public final class TleConstellationLoader {
  private TleConstellationLoader() {}

  /**
   * @param file TLE file (2-line or 3-line sets)
   * @param planes number of planes to group into, or {@code null} to infer from the elements
   * @throws InvalidInputException naming the file (and line) if the file cannot be read or is not valid
   */
  public static TleConstellation load(Path file, Integer planes) {
    String input = file.toString();
    if (planes != null && planes < 1) {
      throw new InvalidInputException(input, "planes must be positive, got " + planes);
    }
    OrekitData data = OrekitData.get();
    List<TleEntry> entries = TleFileParser.parse(file, data.utc());
    int n = entries.size();
    if (planes != null && planes > n) {
      throw new InvalidInputException(input, "planes=" + planes + " but the file has only " + n
          + (n == 1 ? " satellite" : " satellites"));
    }
    List<String> names = names(entries);
    AbsoluteDate epoch = entries.stream().map(e -> e.tle().getDate()).max(Comparator.naturalOrder()).orElseThrow();
    TLEPropagator[] propagators = new TLEPropagator[n];
    double[] raan = new double[n];
    double[] inclination = new double[n];
    double[] argLatitude = new double[n];
    for (int i = 0; i < n; i++) {
      TleEntry e = entries.get(i);
      PVCoordinates pv;
      try {
        propagators[i] = TLEPropagator.selectExtrapolator(e.tle(), data.teme());
        pv = propagators[i].getPVCoordinates(epoch);
      } catch (RuntimeException ex) {
        throw new InvalidInputException(input, "line " + e.line1Number() + ": SGP4 cannot propagate " + names.get(i)
            + " to the common epoch " + epoch.toStringRfc3339(data.utc()) + ": " + ex.getMessage(), ex);
      }
      OrbitAngles angles = OrbitAngles.of(pv.getPosition(), pv.getVelocity());
      raan[i] = angles.raanRad();
      inclination[i] = angles.inclinationRad();
      argLatitude[i] = angles.argLatitudeRad();
    }
    List<int[]> groups = PlaneGrouping.group(raan, inclination, argLatitude, planes);

    List<Satellite> satellites = new ArrayList<>(n);
    int[] planeStart = new int[groups.size()];
    TleEntry[] denseEntries = new TleEntry[n];
    TLEPropagator[] denseProps = new TLEPropagator[n];
    double[] denseArgLatitude = new double[n];
    for (int p = 0; p < groups.size(); p++) {
      planeStart[p] = satellites.size();
      int[] members = groups.get(p);
      for (int s = 0; s < members.length; s++) {
        int k = satellites.size();
        int i = members[s];
        satellites.add(new Satellite(k, names.get(i), p, s));
        denseEntries[k] = entries.get(i);
        denseProps[k] = propagators[i];
        denseArgLatitude[k] = argLatitude[i];
      }
    }
    String grouping = planes != null
        ? "requested: " + planes + " planes cut at the largest RAAN gaps"
        : "inferred: RAAN gaps > " + PlaneGrouping.RAAN_GAP_DEG + " deg or inclination gaps > "
            + PlaneGrouping.INCLINATION_GAP_DEG + " deg";
    return new TleConstellation(file, satellites, planeStart, denseEntries, denseProps, epoch, data.utc(),
        denseArgLatitude, grouping);
  }

  private static List<String> names(List<TleEntry> entries) {
    Set<String> taken = new HashSet<>();
    List<String> out = new ArrayList<>(entries.size());
    for (TleEntry e : entries) {
      int catalogue = e.tle().getSatelliteNumber();
      String base = e.name() == null ? "" : e.name().trim().replaceAll("[\\s/+#]+", "-");
      String name = base.isEmpty() ? "NORAD-" + catalogue : base;
      while (!taken.add(name)) {
        name = name + "-" + catalogue;
      }
      out.add(name);
    }
    return out;
  }
}
