package org.spacemoe.ground.placement.joint;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.spacemoe.ground.placement.ExpectedGatewayLatency;
import org.spacemoe.ground.placement.Subnet;
import org.spacemoe.shared.routing.NetworkRealisations;

/**
 * Which members of each subnet the joint search may make its gateway: the centre (the paper's gateway, always
 * candidate 0) and the members with the lowest expected latency from it, up to {@code count} in all. All
 * members when {@code count} is at least the subnet size (the exact check).
 */
public final class GatewayCandidates {
  private GatewayCandidates() {}

  /** {@code result[l]}: positions in {@code subnets.get(l).members()}, centre first. */
  public static int[][] nearCentre(NetworkRealisations net, List<Subnet> subnets, int count) {
    int layers = subnets.size();
    int[] centres = subnets.stream().mapToInt(Subnet::centre).toArray();
    ExpectedGatewayLatency fromCentre = ExpectedGatewayLatency.compute(net, subnets, centres);
    int[][] out = new int[layers][];
    for (int l = 0; l < layers; l++) {
      int[] members = subnets.get(l).members();
      double[] d = fromCentre.meanS()[l];
      int centre = centres[l];
      int centrePos = IntStream.range(0, members.length).filter(i -> members[i] == centre).findFirst().orElseThrow();
      int[] rest = IntStream.range(0, members.length)
          .filter(i -> i != centrePos && Double.isFinite(d[i])).boxed()
          .sorted(Comparator.<Integer>comparingDouble(i -> d[i]).thenComparingInt(i -> i))
          .limit(Math.max(0, count - 1)).mapToInt(Integer::intValue).toArray();
      out[l] = IntStream.concat(IntStream.of(centrePos), IntStream.of(rest)).toArray();
    }
    return out;
  }
}
