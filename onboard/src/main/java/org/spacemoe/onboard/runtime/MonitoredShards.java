package org.spacemoe.onboard.runtime;

import org.spacemoe.onboard.liveness.MonitoredExecutors;
import org.spacemoe.onboard.liveness.RunMonitor;
import org.spacemoe.onboard.shard.AttentionPartExecutor;
import org.spacemoe.onboard.shard.CombineExecutor;
import org.spacemoe.onboard.shard.EmbeddingExecutor;
import org.spacemoe.onboard.shard.ExpertExecutor;
import org.spacemoe.onboard.shard.GatewayExecutor;
import org.spacemoe.onboard.shard.HeadExecutor;

/**
 * The shards one satellite opens, each wrapped so that every run registers with the {@link RunMonitor} under
 * that satellite, with its nominal compute time from the FLOP model ({@code nominal}: emulation on, time
 * scale 1; the embedding's is taken as 0, so it gets the minimum deadline).
 */
final class MonitoredShards implements ShardProvider {
  private final ShardProvider shards;
  private final RunMonitor monitor;
  private final String satellite;
  private final EmulatedCompute nominal;

  MonitoredShards(ShardProvider shards, RunMonitor monitor, String satellite, EmulatedCompute nominal) {
    this.shards = shards;
    this.monitor = monitor;
    this.satellite = satellite;
    this.nominal = nominal;
  }

  @Override
  public EmbeddingExecutor embedding() throws Exception {
    return MonitoredExecutors.embedding(shards.embedding(), monitor, satellite, 0);
  }

  @Override
  public GatewayExecutor gateway(int layer) throws Exception {
    return MonitoredExecutors.gateway(shards.gateway(layer), monitor, satellite, layer, nominal.gatewayNanos());
  }

  @Override
  public ExpertExecutor expert(int layer, int expert) throws Exception {
    return MonitoredExecutors.expert(shards.expert(layer, expert), monitor, satellite, layer, expert,
        nominal.expertNanos());
  }

  @Override
  public HeadExecutor head() throws Exception {
    return MonitoredExecutors.head(shards.head(), monitor, satellite, nominal.headNanos());
  }

  /** Deadline: the whole gateway's nominal time, an upper bound of one share's. */
  @Override
  public AttentionPartExecutor attentionPart(int layer, int width, int part) throws Exception {
    return MonitoredExecutors.attentionPart(shards.attentionPart(layer, width, part), monitor, satellite, layer,
        width, part, nominal.gatewayNanos());
  }

  /** Deadline: the whole gateway's nominal time, an upper bound of the combine's. */
  @Override
  public CombineExecutor combine(int layer) throws Exception {
    return MonitoredExecutors.combine(shards.combine(layer), monitor, satellite, layer, nominal.gatewayNanos());
  }

  /** Deadline: the whole head's nominal time, an upper bound of one slice's. */
  @Override
  public HeadExecutor headSlice(int width, int part) throws Exception {
    return MonitoredExecutors.headSlice(shards.headSlice(width, part), monitor, satellite, width, part,
        nominal.headNanos());
  }

  @Override
  public int hidden() {
    return shards.hidden();
  }
}
