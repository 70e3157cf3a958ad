package org.spacemoe.onboard.planstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spacemoe.onboard.planstore.StoreFixture.assertIntact;
import static org.spacemoe.onboard.planstore.StoreFixture.list;
import static org.spacemoe.onboard.planstore.StoreFixture.stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.plan.PlanJson;

class PlanStoreTest {
  @TempDir Path data;

  private Path plans() {
    return data.resolve("store/plans");
  }

  @Test
  void aNewStoreIsEmpty() throws Exception {
    try (PlanStore store = PlanStore.open(data)) {
      assertTrue(store.activePlan().isEmpty());
      assertTrue(store.stagedPlan().isEmpty());
      assertTrue(store.previousPlan().isEmpty());
      assertEquals(List.of(), store.recoveryNotes());
    }
    assertFalse(Files.exists(data.resolve("store/state.json")), "nothing written until a plan is staged");
  }

  @Test
  void stagingKeepsTheExactBytesAndOnlyTheShardsTheNodeNeeds() throws Exception {
    Path model = StoreFixture.modelDir();
    byte[] signed = StoreFixture.bytes(StoreFixture.plan(1, model));
    try (PlanStore store = PlanStore.open(data)) {
      StoredPlan sp = store.stage(signed, StoreFixture.shardFiles(model), StoreFixture.ctx());
      assertEquals(1, sp.version());
      assertEquals(Optional.of(1L), assertIntact(store.stagedPlan()));
      assertTrue(store.activePlan().isEmpty(), "staging never activates");
      assertEquals(plans().resolve("1"), sp.directory());
      assertArrayEquals(signed, Files.readAllBytes(sp.directory().resolve("signed-plan.json")));
      assertArrayEquals(PlanJson.toBytes(sp.plan()), Files.readAllBytes(sp.directory().resolve("plan.json")));
      assertEquals(List.of("embed.onnx", "layer00.gateway.onnx", "layer01.expert00.onnx", "manifest.json"),
          list(sp.modelDir()));
      assertEquals(List.of(), list(data.resolve("store/incoming")));
      assertEquals("{\"active\":null,\"staged\":1,\"previous\":null}\n",
          Files.readString(data.resolve("store/state.json")));
      assertEquals(Files.readString(data.resolve("store/state.json")),
          Files.readString(data.resolve("store/state.json.bak")));
    }
  }

  @Test
  void rollbackToGoesToExactlyAHeldOlderVersion() throws Exception {
    try (PlanStore store = PlanStore.open(data)) {
      stage(store, 1);
      store.activate(1);
      stage(store, 2);
      store.activate(2);
      stage(store, 3);
      IllegalArgumentException newer = assertThrows(IllegalArgumentException.class, () -> store.rollbackTo(3));
      assertTrue(newer.getMessage().contains("not older"), newer.getMessage());
      IllegalArgumentException unheld = assertThrows(IllegalArgumentException.class, () -> store.rollbackTo(7));
      assertTrue(unheld.getMessage().contains("not older"), unheld.getMessage());
      assertEquals(2, store.rollbackTo(2).version(), "the active version: nothing to do");
      assertEquals(1, store.rollbackTo(1).version());
      assertEquals(Optional.of(1L), assertIntact(store.activePlan()));
      assertEquals(Optional.of(2L), assertIntact(store.previousPlan()));
      assertEquals(Optional.of(3L), assertIntact(store.stagedPlan()), "the staged plan stays staged");
      IllegalArgumentException forward = assertThrows(IllegalArgumentException.class, () -> store.rollbackTo(2));
      assertTrue(forward.getMessage().contains("not older"), forward.getMessage());
    }
  }

  @Test
  void rollbackToAVersionNeitherPreviousNorStagedIsNotHeld() throws Exception {
    try (PlanStore store = PlanStore.open(data)) {
      stage(store, 1);
      store.activate(1);
      stage(store, 2);
      store.activate(2);
      stage(store, 3);
      store.activate(3);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.rollbackTo(1));
      assertTrue(e.getMessage().startsWith("not held"), e.getMessage());
      assertEquals(Optional.of(3L), assertIntact(store.activePlan()));
    }
  }

  @Test
  void activateThenRollbackSwapsActiveAndPrevious() throws Exception {
    try (PlanStore store = PlanStore.open(data)) {
      stage(store, 1);
      store.activate(1);
      assertEquals(Optional.of(1L), assertIntact(store.activePlan()));
      assertTrue(store.stagedPlan().isEmpty());
      assertTrue(store.previousPlan().isEmpty());
      stage(store, 2);
      assertEquals(Optional.of(1L), assertIntact(store.activePlan()), "staging leaves the active plan");
      assertEquals(Optional.of(2L), assertIntact(store.stagedPlan()));
      store.activate(2);
      assertEquals(Optional.of(2L), assertIntact(store.activePlan()));
      assertEquals(Optional.of(1L), assertIntact(store.previousPlan()));
      assertTrue(store.stagedPlan().isEmpty());
      store.rollback();
      assertEquals(Optional.of(1L), assertIntact(store.activePlan()));
      assertEquals(Optional.of(2L), assertIntact(store.previousPlan()));
      store.rollback();
      assertEquals(Optional.of(2L), assertIntact(store.activePlan()));
      String state = Files.readString(data.resolve("store/state.json"));
      assertEquals(2, store.activate(2).version(), "activating the active plan is a no-op");
      assertEquals(state, Files.readString(data.resolve("store/state.json")));
    }
    try (PlanStore store = PlanStore.open(data)) {
      assertEquals(Optional.of(2L), assertIntact(store.activePlan()));
      assertEquals(Optional.of(1L), assertIntact(store.previousPlan()));
      assertEquals(List.of(), store.recoveryNotes());
    }
  }

  @Test
  void onlyActiveStagedAndPreviousDirectoriesAreKept() throws Exception {
    try (PlanStore store = PlanStore.open(data)) {
      for (long v = 1; v <= 3; v++) {
        stage(store, v);
        store.activate(v);
      }
      assertEquals(List.of("2", "3"), list(plans()));
      stage(store, 4);
      assertEquals(List.of("2", "3", "4"), list(plans()));
      stage(store, 5); // replaces the staged v4
      assertEquals(List.of("2", "3", "5"), list(plans()));
      store.activate(5);
      assertEquals(List.of("3", "5"), list(plans()));
      assertEquals(List.of(), list(data.resolve("store/trash")));
    }
  }

  @Test
  void reStagingTheStagedVersionReplacesIt() throws Exception {
    try (PlanStore store = PlanStore.open(data)) {
      stage(store, 1);
      store.activate(1);
      stage(store, 2);
      stage(store, 2);
      assertEquals(Optional.of(2L), assertIntact(store.stagedPlan()));
      assertEquals(Optional.of(1L), assertIntact(store.activePlan()));
    }
  }

  @Test
  void aRollbackEnvelopeMayStageAnOlderVersion() throws Exception {
    Path model = StoreFixture.modelDir();
    try (PlanStore store = PlanStore.open(data)) {
      stage(store, 1);
      store.activate(1);
      stage(store, 2);
      store.activate(2);
      stage(store, 3);
      store.activate(3); // v1 is gone now
      assertEquals(List.of("2", "3"), list(plans()));
      store.stage(StoreFixture.bytes(StoreFixture.plan(1, model)), StoreFixture.shardFiles(model),
          StoreFixture.ctx(PlainPlanAuthenticator.ROLLBACK));
      assertEquals(Optional.of(1L), assertIntact(store.stagedPlan()));
      // and over the previous plan: v2 is dropped from the state, then replaced
      store.stage(StoreFixture.bytes(StoreFixture.plan(2, model)), StoreFixture.shardFiles(model),
          StoreFixture.ctx(PlainPlanAuthenticator.ROLLBACK));
      assertEquals(Optional.of(2L), assertIntact(store.stagedPlan()));
      assertTrue(store.previousPlan().isEmpty());
      store.activate(2);
      assertEquals(Optional.of(2L), assertIntact(store.activePlan()));
      assertEquals(Optional.of(3L), assertIntact(store.previousPlan()));
    }
  }

  @Test
  void activationNeedsAStagedOrCompletePlanAndRollbackAPreviousOne() throws Exception {
    try (PlanStore store = PlanStore.open(data)) {
      assertThrows(IllegalArgumentException.class, () -> store.activate(7));
      assertThrows(IllegalStateException.class, store::rollback);
      stage(store, 1);
      store.activate(1);
      assertThrows(IllegalStateException.class, store::rollback);
    }
  }

  @Test
  void aDamagedStagedPlanIsNotActivated() throws Exception {
    try (PlanStore store = PlanStore.open(data)) {
      stage(store, 1);
      store.activate(1);
      StoredPlan two = stage(store, 2);
      Path shard = two.modelDir().resolve("head.onnx");
      byte[] b = Files.readAllBytes(shard);
      b[b.length / 2] ^= 1;
      Files.write(shard, b);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.activate(2));
      assertTrue(e.getMessage().contains("head.onnx"), e.getMessage());
      assertEquals(Optional.of(1L), assertIntact(store.activePlan()));
    }
  }

  @Test
  void oneOwnerAtATime() throws Exception {
    try (PlanStore store = PlanStore.open(data)) {
      assertThrows(IllegalStateException.class, () -> PlanStore.open(data));
    }
    PlanStore.open(data).close();
  }
}
