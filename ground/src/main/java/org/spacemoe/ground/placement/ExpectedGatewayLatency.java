package org.spacemoe.ground.placement;

import java.util.List;
import java.util.stream.IntStream;
import org.spacemoe.shared.routing.NetworkRealisations;
import org.spacemoe.shared.routing.PathLatencies;

/**
 * Expected one-way path latency (s) from each layer's gateway to every member of its subnet, averaged over
 * the time slots of one orbit, each slot with one seeded link-failure draw. Slots run in parallel; sums are
 * taken in slot order so results are deterministic.
 */
public final class ExpectedGatewayLatency {
  private final double[][] meanS;
  private final long waits;

  private ExpectedGatewayLatency(double[][] meanS, long waits) {
    this.meanS = meanS;
    this.waits = waits;
  }

  /** {@code meanS()[l][i]}: expected latency from gateway l to {@code subnets.get(l).members()[i]}. */
  public double[][] meanS() {
    return meanS;
  }

  /** Path queries in which failures cut every path (the unreachable policy applied). */
  public long unreachableWaits() {
    return waits;
  }

  public static ExpectedGatewayLatency compute(NetworkRealisations net, List<Subnet> subnets, int[] gateways) {
    int slots = net.slots().count();
    int layers = subnets.size();
    double[][][] perSlot = new double[slots][][];
    long[] waitsPerSlot = new long[slots];
    IntStream.range(0, slots).parallel().forEach(s -> {
      NetworkRealisations.Realisation r = net.realisation(s, 0);
      double[][] row = new double[layers][];
      long w = 0;
      for (int l = 0; l < layers; l++) {
        PathLatencies pl = r.to(gateways[l], subnets.get(l).members());
        row[l] = pl.latencyS();
        for (boolean b : pl.waitedForNextSlot()) {
          w += b ? 1 : 0;
        }
      }
      perSlot[s] = row;
      waitsPerSlot[s] = w;
    });
    double[][] mean = new double[layers][];
    long waits = 0;
    for (int l = 0; l < layers; l++) {
      mean[l] = new double[subnets.get(l).members().length];
    }
    for (int s = 0; s < slots; s++) {
      waits += waitsPerSlot[s];
      for (int l = 0; l < layers; l++) {
        for (int i = 0; i < mean[l].length; i++) {
          mean[l][i] += perSlot[s][l][i] / slots;
        }
      }
    }
    return new ExpectedGatewayLatency(mean, waits);
  }
}
