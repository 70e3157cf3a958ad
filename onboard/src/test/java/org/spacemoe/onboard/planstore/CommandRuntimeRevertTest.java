package org.spacemoe.onboard.planstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.onboard.uplink.CommandGate;
import org.spacemoe.onboard.uplink.UplinkReceiver;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.RejectReason;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.CommandSigner;
import org.spacemoe.shared.uplink.StatusReport;
import org.spacemoe.shared.uplink.UplinkStage;

/**
 * A signed ACTIVATE that the store accepts but the runtime cannot carry out (its switch throws) leaves the store on
 * the version the runtime still runs, and is refused with a reason: the store is never ahead of the runtime.
 */
@Timeout(60)
class CommandRuntimeRevertTest {
  @TempDir Path data;

  @Test
  void aRuntimeThatCannotSwitchLeavesTheStoreOnItsVersion() throws Exception {
    KeyPair ground = PlanKeys.generate();
    CommandSigner signer = new CommandSigner(ground.getPrivate(), ground.getPublic());
    BlockingQueue<StatusReport> reports = new LinkedBlockingQueue<>();
    long[] running = {1};
    try (PlanStore store = PlanStore.open(data)) {
      StoreFixture.stage(store, 1);
      store.activate(1);
      StoreFixture.stage(store, 2);
      String sat = StoreFixture.SATELLITES.get(0);
      UplinkReceiver receiver = new UplinkReceiver(store, offered -> StoreFixture.ctx(), StoreFixture.SATELLITES,
          new CommandGate(Map.of(signer.keyId(), ground.getPublic()), store.commands()), new UplinkReceiver.Node() {
            @Override
            public void install(PlacementPlan plan, Path modelDir) {}

            @Override
            public void activate(long version) {
              if (version == 2) {
                throw new IllegalStateException("plan v2 shards failed to open");
              }
              running[0] = version;
            }

            @Override
            public void setStagedVersion(long version) {}

            @Override
            public long activePlanVersion() {
              return running[0];
            }
          }, (s, r) -> reports.add(r), data.resolve("transfers"));
      try {
        receiver.onMessage(sat, signer.sign(Command.activate("a-2", 2), sat, 1).toBytes());
        StatusReport r = reports.poll(20, TimeUnit.SECONDS);
        assertNotNull(r);
        assertEquals(UplinkStage.REJECTED, r.stage(), r::toString);
        assertEquals(RejectReason.SHARD_LOAD, r.reason());
        assertTrue(r.detail().contains("the store is back on v1"), r.detail());
        assertEquals(1, store.activePlan().orElseThrow().version(), "the store follows the runtime");
        assertEquals(1, running[0]);
      } finally {
        receiver.close();
      }
    }
  }
}
