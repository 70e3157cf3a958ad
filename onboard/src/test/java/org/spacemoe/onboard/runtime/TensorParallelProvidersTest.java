package org.spacemoe.onboard.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.modelexport.MoeModelExporter;
import org.spacemoe.onboard.liveness.RunMonitor;
import org.spacemoe.onboard.shard.AttentionPartExecutor;
import org.spacemoe.onboard.shard.CombineExecutor;
import org.spacemoe.onboard.shard.GatewayOutput;
import org.spacemoe.onboard.shard.HeadExecutor;
import org.spacemoe.onboard.shard.KvCache;
import org.spacemoe.onboard.shard.ShardLoadException;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.WeightFormat;

/** The ONNX Runtime provider and its monitored wrapper open the tensor-parallel shards and give the same results. */
class TensorParallelProvidersTest {
  @Test
  void monitoredSplitShardsRunAsTheRawOnes(@TempDir Path dir) throws Exception {
    MoeModelShape s = MoeModelShape.TINY;
    MoeModelExporter.export(s, 7, 1.0, WeightFormat.FP32, dir, Set.of(2), (e, i, n) -> { });
    ShardProvider raw = ShardProviders.open(dir, 1);
    ShardProvider monitored = new MonitoredShards(raw, new RunMonitor(new NodeTelemetry(), 2_000, 20), "p00s01",
        new EmulatedCompute(true, s.toMoeModel(), 0, DeviceProfile.SBC_2A72, 1));
    float[] h = new float[s.hidden()];
    for (int i = 0; i < h.length; i++) {
      h[i] = (float) Math.sin(i + 1);
    }
    try (AttentionPartExecutor a = raw.attentionPart(1, 2, 1);
        AttentionPartExecutor b = monitored.attentionPart(1, 2, 1);
        CombineExecutor c = raw.combine(1);
        CombineExecutor d = monitored.combine(1);
        HeadExecutor x = raw.headSlice(2, 0);
        HeadExecutor y = monitored.headSlice(2, 0)) {
      assertEquals(16, b.cacheWidth());
      float[] termA = a.step(h, new KvCache(a.cacheWidth()));
      float[] termB = b.step(h, new KvCache(b.cacheWidth()));
      assertArrayEquals(termA, termB);
      GatewayOutput oc = c.combine(h, termA);
      GatewayOutput od = d.combine(h, termB);
      assertArrayEquals(oc.routerLogits(), od.routerLogits());
      assertArrayEquals(x.logits(h), y.logits(h));
      assertEquals(32, y.logits(h).length);
    }
    assertThrows(ShardLoadException.class, () -> monitored.attentionPart(0, 3, 0));
  }
}
