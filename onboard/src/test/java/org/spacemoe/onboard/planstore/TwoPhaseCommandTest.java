package org.spacemoe.onboard.planstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
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
 * The node's two-phase activation through the real plan store, command gate and Ed25519 signatures: PREPARE never
 * moves the store or the runtime; COMMIT switches only a prepared version; ABORT, a prepare timeout or a restart
 * (a new receiver on the same store) leaves the old plan active and COMMIT refused ({@code NOT_PREPARED}).
 */
@Timeout(60)
class TwoPhaseCommandTest {
  @TempDir Path data;

  private final KeyPair ground = PlanKeys.generate();
  private final CommandSigner signer = new CommandSigner(ground.getPrivate(), ground.getPublic());
  private final BlockingQueue<StatusReport> reports = new LinkedBlockingQueue<>();
  private final long[] running = {1};
  private final List<Long> installed = new ArrayList<>();
  private final String sat = StoreFixture.SATELLITES.get(0);
  private long counter = 1;
  private boolean failInstall;

  private UplinkReceiver receiver(PlanStore store, long prepareTimeoutMs) {
    UplinkReceiver r = new UplinkReceiver(store, offered -> StoreFixture.ctx(), StoreFixture.SATELLITES,
        new CommandGate(Map.of(signer.keyId(), ground.getPublic()), store.commands()), new UplinkReceiver.Node() {
          @Override
          public void install(PlacementPlan plan, Path modelDir) {
            if (failInstall) {
              throw new IllegalStateException("shard layer00.expert01 failed to open");
            }
            installed.add(plan.planVersion());
          }

          @Override
          public void activate(long version) {
            running[0] = version;
          }

          @Override
          public void setStagedVersion(long version) {}

          @Override
          public long activePlanVersion() {
            return running[0];
          }
        }, (s, rep) -> reports.add(rep), data.resolve("transfers"));
    r.setPrepareTimeoutMs(prepareTimeoutMs);
    return r;
  }

  private StatusReport send(UplinkReceiver r, Command c) throws Exception {
    r.onMessage(sat, signer.sign(c, sat, counter++).toBytes());
    StatusReport rep = reports.poll(20, TimeUnit.SECONDS);
    assertNotNull(rep, "no answer to " + c);
    assertEquals(c.commandId(), rep.commandId());
    return rep;
  }

  private PlanStore storeOnV1StagedV2() throws Exception {
    PlanStore store = PlanStore.open(data);
    StoreFixture.stage(store, 1);
    store.activate(1);
    StoreFixture.stage(store, 2);
    return store;
  }

  @Test
  void prepareThenCommitSwitches() throws Exception {
    try (PlanStore store = storeOnV1StagedV2(); UplinkReceiver r = receiver(store, 60_000)) {
      StatusReport p = send(r, Command.prepare("p", 2));
      assertEquals(UplinkStage.PREPARED, p.stage(), p::toString);
      assertEquals(2, p.planVersion());
      assertEquals(1, p.activePlanVersion(), "PREPARE does not switch");
      assertEquals(1, store.activePlan().orElseThrow().version(), "PREPARE does not move the store");
      assertEquals(List.of(2L), installed, "PREPARE loads the version's shards");
      StatusReport c = send(r, Command.commit("c", 2));
      assertEquals(UplinkStage.ACTIVE, c.stage(), c::toString);
      assertEquals(2, running[0]);
      assertEquals(2, store.activePlan().orElseThrow().version());
    }
  }

  @Test
  void commitWithoutPrepareOrAfterAbortIsRefusedAndTheOldPlanRuns() throws Exception {
    try (PlanStore store = storeOnV1StagedV2(); UplinkReceiver r = receiver(store, 60_000)) {
      StatusReport c = send(r, Command.commit("c0", 2));
      assertEquals(RejectReason.NOT_PREPARED, c.reason(), c::toString);
      assertEquals(UplinkStage.PREPARED, send(r, Command.prepare("p", 2)).stage());
      StatusReport a = send(r, Command.abort("a", 2));
      assertEquals(UplinkStage.ACTIVE, a.stage());
      assertEquals(1, a.planVersion());
      assertTrue(a.detail().contains("released"), a.detail());
      assertEquals(RejectReason.NOT_PREPARED, send(r, Command.commit("c1", 2)).reason());
      assertEquals(1, running[0]);
      assertEquals(1, store.activePlan().orElseThrow().version());
    }
  }

  @Test
  void aPrepareTimesOut() throws Exception {
    try (PlanStore store = storeOnV1StagedV2(); UplinkReceiver r = receiver(store, 200)) {
      assertEquals(UplinkStage.PREPARED, send(r, Command.prepare("p", 2)).stage());
      Thread.sleep(400);
      StatusReport c = send(r, Command.commit("c", 2));
      assertEquals(RejectReason.NOT_PREPARED, c.reason(), c::toString);
      assertTrue(c.detail().contains("timed out after 200 ms"), c.detail());
      assertEquals(1, running[0]);
    }
  }

  @Test
  void aRestartForgetsThePrepare() throws Exception {
    try (PlanStore store = storeOnV1StagedV2()) {
      try (UplinkReceiver r = receiver(store, 60_000)) {
        assertEquals(UplinkStage.PREPARED, send(r, Command.prepare("p", 2)).stage());
      }
      try (UplinkReceiver restarted = receiver(store, 60_000)) {
        assertEquals(1, store.activePlan().orElseThrow().version(), "not back on the new version");
        assertEquals(RejectReason.NOT_PREPARED, send(restarted, Command.commit("c", 2)).reason());
        assertEquals(1, running[0]);
      }
    }
  }

  @Test
  void prepareRefusals() throws Exception {
    try (PlanStore store = storeOnV1StagedV2(); UplinkReceiver r = receiver(store, 60_000)) {
      assertEquals(RejectReason.NOT_HELD, send(r, Command.prepare("p3", 3)).reason(), "v3 is not staged");
      failInstall = true;
      StatusReport s = send(r, Command.prepare("p2", 2));
      assertEquals(RejectReason.SHARD_LOAD, s.reason(), s::toString);
      assertTrue(s.detail().contains("failed to open"), s.detail());
      assertEquals(RejectReason.NOT_PREPARED, send(r, Command.commit("c", 2)).reason(), "a failed PREPARE holds nothing");
      assertEquals(1, running[0]);
      assertEquals(1, store.activePlan().orElseThrow().version());
    }
  }
}
