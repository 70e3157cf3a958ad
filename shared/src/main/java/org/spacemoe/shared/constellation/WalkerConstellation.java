package org.spacemoe.shared.constellation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Walker delta or star constellation on circular Keplerian orbits around a spherical Earth.
 *
 * <p>Ignored: J2 and higher gravity terms (nodal regression, apsidal drift), drag, Earth oblateness in
 * the occlusion test, and Earth rotation (ISL geometry is frame-independent). Satellite {@code (p, s)}
 * has right ascension {@code p * spread / P} and argument of latitude
 * {@code 2 pi s / S + 2 pi F p / (P S) + n t} with {@code n = sqrt(mu / a^3)}.
 */
public final class WalkerConstellation implements Constellation {
  private final WalkerParameters params;
  private final List<Satellite> satellites;
  private final List<GridLink> links;
  private final double semiMajorAxisKm;
  private final double meanMotionRadPerS;
  private final double[] raan;
  private final double[] argLatitude0;
  private final double sinI;
  private final double cosI;

  public WalkerConstellation(WalkerParameters params) {
    this.params = params;
    int planes = params.planes();
    int perPlane = params.satellitesPerPlane();
    this.semiMajorAxisKm = EarthConstants.EQUATORIAL_RADIUS_KM + params.altitudeKm();
    this.meanMotionRadPerS = Math.sqrt(EarthConstants.MU_KM3_PER_S2 / Math.pow(semiMajorAxisKm, 3));
    double inc = Math.toRadians(params.inclinationDeg());
    this.sinI = Math.sin(inc);
    this.cosI = Math.cos(inc);
    int n = planes * perPlane;
    List<Satellite> sats = new ArrayList<>(n);
    this.raan = new double[n];
    this.argLatitude0 = new double[n];
    for (int p = 0; p < planes; p++) {
      for (int s = 0; s < perPlane; s++) {
        int i = p * perPlane + s;
        sats.add(new Satellite(i, name(p, s), p, s));
        raan[i] = p * params.pattern().raanSpreadRad() / planes;
        argLatitude0[i] = 2 * Math.PI * s / perPlane + 2 * Math.PI * params.phasing() * p / ((double) planes * perPlane);
      }
    }
    this.satellites = Collections.unmodifiableList(sats);
    this.links = Collections.unmodifiableList(buildGrid());
  }

  /** Satellite name for plane p and slot s: {@code p03s17}. */
  public static String name(int plane, int slot) {
    return String.format("p%02ds%02d", plane, slot);
  }

  public WalkerParameters parameters() {
    return params;
  }

  private List<GridLink> buildGrid() {
    int planes = params.planes();
    int perPlane = params.satellitesPerPlane();
    List<GridLink> out = new ArrayList<>();
    for (int p = 0; p < planes; p++) {
      for (int s = 0; s < perPlane; s++) {
        if (perPlane > 2 || (perPlane == 2 && s == 0)) {
          out.add(new GridLink(indexOf(p, s), indexOf(p, (s + 1) % perPlane), LinkKind.INTRA_PLANE));
        }
      }
    }
    if (planes > 1) {
      SatelliteStates epoch = statesAt(0);
      for (int p = 0; p < planes; p++) {
        int q = (p + 1) % planes;
        if (q == p || (planes == 2 && p == 1)) {
          continue;
        }
        int offset = bestOffset(epoch, p, q);
        for (int s = 0; s < perPlane; s++) {
          out.add(new GridLink(indexOf(p, s), indexOf(q, (s + offset) % perPlane), LinkKind.INTER_PLANE));
        }
      }
    }
    return out;
  }

  /** In-plane index offset that pairs plane p with plane q at the smallest total distance at epoch. */
  private int bestOffset(SatelliteStates epoch, int p, int q) {
    int perPlane = params.satellitesPerPlane();
    int best = 0;
    double bestSum = Double.POSITIVE_INFINITY;
    for (int k = 0; k < perPlane; k++) {
      double sum = 0;
      for (int s = 0; s < perPlane; s++) {
        sum += distanceKm(epoch, indexOf(p, s), indexOf(q, (s + k) % perPlane));
      }
      if (sum < bestSum - 1e-9) {
        bestSum = sum;
        best = k;
      }
    }
    return best;
  }

  static double distanceKm(SatelliteStates st, int a, int b) {
    double[] r = st.positionsKm();
    double dx = r[3 * a] - r[3 * b];
    double dy = r[3 * a + 1] - r[3 * b + 1];
    double dz = r[3 * a + 2] - r[3 * b + 2];
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }

  @Override
  public String id() {
    return params.id();
  }

  @Override
  public List<Satellite> satellites() {
    return satellites;
  }

  @Override
  public int planeCount() {
    return params.planes();
  }

  @Override
  public int satellitesInPlane(int plane) {
    return params.satellitesPerPlane();
  }

  @Override
  public int indexOf(int plane, int slotInPlane) {
    return plane * params.satellitesPerPlane() + slotInPlane;
  }

  @Override
  public double orbitPeriodS() {
    return 2 * Math.PI / meanMotionRadPerS;
  }

  @Override
  public double meanAltitudeKm() {
    return params.altitudeKm();
  }

  @Override
  public SatelliteStates statesAt(double tS) {
    int n = satellites.size();
    double[] pos = new double[3 * n];
    double[] vel = new double[3 * n];
    for (int i = 0; i < n; i++) {
      writeState(i, tS, pos, vel, i);
    }
    return new SatelliteStates(pos, vel);
  }

  /** Same arithmetic as {@link #statesAt}, so a subset's states equal the full states bit for bit. */
  @Override
  public SatelliteStates statesOf(int[] subset, double tS) {
    double[] pos = new double[3 * subset.length];
    double[] vel = new double[3 * subset.length];
    for (int j = 0; j < subset.length; j++) {
      writeState(subset[j], tS, pos, vel, j);
    }
    return new SatelliteStates(pos, vel);
  }

  private void writeState(int i, double tS, double[] pos, double[] vel, int at) {
    double a = semiMajorAxisKm;
    double v = a * meanMotionRadPerS;
    double u = argLatitude0[i] + meanMotionRadPerS * tS;
    double cu = Math.cos(u);
    double su = Math.sin(u);
    double co = Math.cos(raan[i]);
    double so = Math.sin(raan[i]);
    pos[3 * at] = a * (co * cu - so * su * cosI);
    pos[3 * at + 1] = a * (so * cu + co * su * cosI);
    pos[3 * at + 2] = a * (su * sinI);
    vel[3 * at] = v * (-co * su - so * cu * cosI);
    vel[3 * at + 1] = v * (-so * su + co * cu * cosI);
    vel[3 * at + 2] = v * (cu * sinI);
  }

  @Override
  public List<GridLink> gridLinks() {
    return links;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", params.pattern().specName());
    m.put("planes", params.planes());
    m.put("satellitesPerPlane", params.satellitesPerPlane());
    m.put("satellites", satellites.size());
    m.put("altitudeKm", params.altitudeKm());
    m.put("inclinationDeg", params.inclinationDeg());
    m.put("phasing", params.phasing());
    m.put("orbitPeriodS", orbitPeriodS());
    m.put("orbitModel", "circular Keplerian, spherical Earth; J2, drag and Earth rotation ignored");
    return m;
  }
}
