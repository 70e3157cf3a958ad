package org.spacemoe.ground.placement.capacity;

import java.util.ArrayList;
import java.util.List;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Bytes used and free on every satellite as roles are placed; a satellite never holds more than its device
 * memory. Mutable, not thread-safe: one per planning run.
 */
public final class SatelliteMemory {
  private final Scenario scenario;
  private final ShardBytes bytes;
  private final long[] used;
  private final int[] roles;

  public SatelliteMemory(Scenario scenario) {
    this.scenario = scenario;
    this.bytes = ShardBytes.of(scenario.model(), scenario.contextTokens());
    int n = scenario.constellation().size();
    this.used = new long[n];
    this.roles = new int[n];
  }

  /**
   * Memory of every role of {@code p} (gateways, standby gateways, expert copies, gateway and LM head parts of a
   * tensor-parallel split) charged (no check). A split's lead keeps its whole gateway.
   */
  public static SatelliteMemory of(Scenario scenario, Placement p) {
    SatelliteMemory m = new SatelliteMemory(scenario);
    int layers = p.layers();
    for (int l = 0; l < layers; l++) {
      m.add(p.gateways()[l], m.bytes.gatewayOfLayer(l, layers));
      if (p.standbys()[l] >= 0) {
        m.add(p.standbys()[l], m.bytes.gatewayOfLayer(l, layers)); // a standby loads the same gateway shards
      }
      for (int[] hosts : p.expertHosts()[l]) {
        for (int h : hosts) {
          m.add(h, m.bytes.expert());
        }
      }
      for (int part : p.split().attentionParts()[l]) {
        m.add(part, m.bytes.attentionPart(p.split().attentionWidth(l)));
      }
    }
    for (int part : p.split().headParts()) {
      m.add(part, m.bytes.headPart(p.split().headWidth()));
    }
    return m;
  }

  /** Layers of the scenario's model. */
  public int layers() {
    return scenario.model().layers();
  }

  public ShardBytes shardBytes() {
    return bytes;
  }

  public long capacity(int sat) {
    return scenario.fleet().device(sat).memoryBytes();
  }

  public long free(int sat) {
    return capacity(sat) - used[sat];
  }

  /** Roles (gateways and expert copies) on {@code sat}. */
  public int roles(int sat) {
    return roles[sat];
  }

  /** Experts that still fit on {@code sat}. */
  public int expertsThatFit(int sat) {
    return (int) Math.max(0, free(sat) / bytes.expert());
  }

  public boolean fitsExpert(int sat) {
    return free(sat) >= bytes.expert();
  }

  public void add(int sat, long b) {
    used[sat] += b;
    roles[sat]++;
  }

  public void addExpert(int sat) {
    add(sat, bytes.expert());
  }

  public void addGateway(int sat, int layer) {
    add(sat, bytes.gatewayOfLayer(layer, scenario.model().layers()));
  }

  /** Satellites over their memory, as one line each ({@code p03s04: 9.1 GiB of 8.0 GiB}). */
  public List<String> overfull() {
    List<String> out = new ArrayList<>();
    List<Satellite> sats = scenario.constellation().satellites();
    for (int i = 0; i < used.length; i++) {
      if (used[i] > capacity(i)) {
        out.add(String.format("%s holds %d roles in %s, its %s has %s", sats.get(i).name(), roles[i],
            gib(used[i]), scenario.fleet().device(i).name(), gib(capacity(i))));
      }
    }
    return out;
  }

  /** Throws when some satellite of {@code p} is over its memory, naming the first and how many. */
  public static void requireFits(Scenario scenario, Placement p) {
    List<String> over = of(scenario, p).overfull();
    if (!over.isEmpty()) {
      throw new InvalidInputException("--fleet", p.strategy() + " plan does not fit in memory: " + over.get(0)
          + (over.size() > 1 ? " (and " + (over.size() - 1) + " more satellites)" : ""));
    }
  }

  static String gib(long b) {
    return String.format("%.2f GiB", b / (double) (1L << 30));
  }
}
