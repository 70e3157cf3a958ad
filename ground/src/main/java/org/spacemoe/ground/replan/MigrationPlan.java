package org.spacemoe.ground.replan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.capacity.ShardBytes;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.Satellite;

/**
 * The shard moves from one placement to another and their cost: the time from the start of the migration until
 * the last moved shard has arrived, s. Following DanceMoE's cost model, the moved experts are taken as
 * unavailable (decoding waits) for that time: uplinked shards one after another ({@code sum bytes * 8 / rate}),
 * ISL copies in parallel ({@code max bytes * 8 / ISL rate}).
 *
 * @param moves every shard a satellite must receive
 * @param unavailableS the migration's duration, s
 */
public record MigrationPlan(List<ShardMove> moves, double unavailableS, long bytes) {

  public static MigrationPlan between(Placement current, Placement next, Scenario sc, MigrationLink link,
      double uplinkBitsPerS) {
    List<Satellite> sats = sc.constellation().satellites();
    ShardBytes sb = ShardBytes.of(sc.model(), sc.contextTokens());
    double rate = link == MigrationLink.UPLINK ? uplinkBitsPerS : sc.islRateBitsPerS();
    List<ShardMove> moves = new ArrayList<>();
    int layers = next.layers();
    for (int l = 0; l < layers; l++) {
      // the gateway shards go to the new gateway and the new standby unless they held them already (as the
      // layer's gateway or standby)
      for (int holder : new int[] {next.gateways()[l], next.standbys()[l]}) {
        if (holder >= 0 && holder != current.gateways()[l] && holder != current.standbys()[l]) {
          long b = sb.gatewayOfLayer(l, layers);
          moves.add(new ShardMove(l, -1, sats.get(holder).name(),
              link == MigrationLink.UPLINK ? "ground" : sats.get(current.gateways()[l]).name(), b, b * 8.0 / rate));
        }
      }
      for (int e = 0; e < next.expertHosts()[l].length; e++) {
        int[] old = current.expertHosts()[l][e];
        for (int h : next.expertHosts()[l][e]) {
          if (Arrays.stream(old).noneMatch(o -> o == h)) {
            moves.add(new ShardMove(l, e, sats.get(h).name(),
                link == MigrationLink.UPLINK ? "ground" : sats.get(old[0]).name(), sb.expert(), sb.expert() * 8.0 / rate));
          }
        }
      }
    }
    double unavailable = 0;
    long bytes = 0;
    for (ShardMove m : moves) {
      unavailable = link == MigrationLink.UPLINK ? unavailable + m.transferS() : Math.max(unavailable, m.transferS());
      bytes += m.bytes();
    }
    return new MigrationPlan(List.copyOf(moves), unavailable, bytes);
  }
}
