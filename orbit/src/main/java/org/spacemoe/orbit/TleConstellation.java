package org.spacemoe.orbit;

import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.EarthConstants;
import org.spacemoe.shared.constellation.GridLink;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.shared.constellation.SatelliteStates;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScale;
import org.orekit.utils.PVCoordinates;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Real satellites from a TLE file, each propagated with SGP4/SDP4 (Orekit {@link TLEPropagator}) from its own
 * elements. Time 0 is the latest TLE epoch of the file; states are in TEME (km, km/s). Built by
 * {@link TleConstellationLoader}, which also groups the satellites into planes.
 *
 * <p>Ignored: Earth orientation parameters (zero, see {@link OrekitData}; no effect since TEME states are used
 * as they are), leap seconds announced after the bundled table, the slow rotation of TEME itself (true
 * equator, mean equinox of date) over a run, and the TLE fields classification, ephemeris type, element set
 * number and revolution number. Plane grouping and slot order use osculating angles at the common epoch.
 */
public final class TleConstellation implements Constellation {
  private final String file;
  private final String fileName;
  private final List<Satellite> satellites;
  private final int[] planeStart;
  private final TleEntry[] entries;
  private final TLEPropagator[] propagators;
  private final AbsoluteDate epoch;
  private final TimeScale utc;
  private final String planeGrouping;
  private final List<GridLink> links;

  /**
   * @param file the TLE file as the user named it
   * @param satellites in dense index order, plane-major
   * @param planeStart dense index of slot 0 of each plane
   * @param entries TLE sets in dense index order
   * @param propagators one per satellite, in dense index order, owned by this instance
   * @param argLatitudeRad argument of latitude of every satellite at epoch, rad, dense order
   * @param planeGrouping how planes were formed, for {@link #describe()}
   */
  TleConstellation(Path file, List<Satellite> satellites, int[] planeStart, TleEntry[] entries,
      TLEPropagator[] propagators, AbsoluteDate epoch, TimeScale utc, double[] argLatitudeRad, String planeGrouping) {
    this.file = file.toString();
    this.fileName = String.valueOf(file.getFileName());
    this.satellites = List.copyOf(satellites);
    this.planeStart = planeStart.clone();
    this.entries = entries.clone();
    this.propagators = propagators.clone();
    this.epoch = epoch;
    this.utc = utc;
    this.planeGrouping = planeGrouping;
    this.links = Collections.unmodifiableList(PlaneGrid.build(planeStart, argLatitudeRad));
  }

  /** Time 0 of {@link #statesAt}: the latest TLE epoch in the file. */
  public AbsoluteDate epoch() {
    return epoch;
  }

  @Override
  public String id() {
    return "tle:" + fileName + ":" + satellites.size() + "sats:" + planeStart.length + "planes";
  }

  @Override
  public List<Satellite> satellites() {
    return satellites;
  }

  @Override
  public int planeCount() {
    return planeStart.length;
  }

  @Override
  public int satellitesInPlane(int plane) {
    Objects.checkIndex(plane, planeStart.length);
    return (plane + 1 < planeStart.length ? planeStart[plane + 1] : satellites.size()) - planeStart[plane];
  }

  @Override
  public int indexOf(int plane, int slotInPlane) {
    Objects.checkIndex(slotInPlane, satellitesInPlane(plane));
    return planeStart[plane] + slotInPlane;
  }

  /** Mean over satellites of the Kozai mean-motion period 2 pi / n, s. */
  @Override
  public double orbitPeriodS() {
    double sum = 0;
    for (TleEntry e : entries) {
      sum += 2 * Math.PI / e.tle().getMeanMotion();
    }
    return sum / entries.length;
  }

  /** Mean over satellites of {@code (mu / n^2)^(1/3)} minus the equatorial radius, km. */
  @Override
  public double meanAltitudeKm() {
    double sum = 0;
    for (TleEntry e : entries) {
      double n = e.tle().getMeanMotion();
      sum += Math.cbrt(EarthConstants.MU_KM3_PER_S2 / (n * n)) - EarthConstants.EQUATORIAL_RADIUS_KM;
    }
    return sum / entries.length;
  }

  /**
   * Safe to call from several threads: each propagator is used under its own lock.
   *
   * @throws InvalidInputException if SGP4 cannot propagate a satellite to that time (e.g. it has decayed)
   */
  @Override
  public SatelliteStates statesAt(double tS) {
    int n = satellites.size();
    double[] pos = new double[3 * n];
    double[] vel = new double[3 * n];
    AbsoluteDate date = epoch.shiftedBy(tS);
    for (int i = 0; i < n; i++) {
      PVCoordinates pv = stateOf(i, date, tS);
      pos[3 * i] = pv.getPosition().getX() / 1000;
      pos[3 * i + 1] = pv.getPosition().getY() / 1000;
      pos[3 * i + 2] = pv.getPosition().getZ() / 1000;
      vel[3 * i] = pv.getVelocity().getX() / 1000;
      vel[3 * i + 1] = pv.getVelocity().getY() / 1000;
      vel[3 * i + 2] = pv.getVelocity().getZ() / 1000;
    }
    return new SatelliteStates(pos, vel);
  }

  private PVCoordinates stateOf(int i, AbsoluteDate date, double tS) {
    TLEPropagator propagator = propagators[i];
    try {
      synchronized (propagator) {
        return propagator.getPVCoordinates(date);
      }
    } catch (RuntimeException e) {
      throw new InvalidInputException(file, "line " + entries[i].line1Number() + ": SGP4 cannot propagate "
          + satellites.get(i).name() + " to t = " + tS + " s after the epoch: " + e.getMessage(), e);
    }
  }

  @Override
  public List<GridLink> gridLinks() {
    return links;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "tle");
    m.put("file", file);
    m.put("satellites", satellites.size());
    m.put("planes", planeStart.length);
    m.put("satellitesPerPlane", IntStream.range(0, planeStart.length).map(this::satellitesInPlane).boxed().toList());
    m.put("planeGrouping", planeGrouping);
    m.put("epoch", epoch.toStringRfc3339(utc));
    m.put("meanAltitudeKm", meanAltitudeKm());
    m.put("orbitPeriodS", orbitPeriodS());
    m.put("orbitModel", "SGP4 (Orekit)");
    m.put("frame", "TEME");
    return m;
  }
}
