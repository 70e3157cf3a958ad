package org.spacemoe.onboard.planstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spacemoe.onboard.planstore.StoreFixture.assertIntact;
import static org.spacemoe.onboard.planstore.StoreFixture.list;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link PlanStore#open} does with damaged state files and leftovers. */
class PlanStoreRecoveryTest {
  @TempDir Path data;
  private Path store;
  private Path state;
  private Path bak;

  /** v1 active, v2 staged. */
  @BeforeEach
  void v1ActiveV2Staged() throws Exception {
    store = data.resolve("store");
    state = store.resolve("state.json");
    bak = store.resolve("state.json.bak");
    try (PlanStore s = PlanStore.open(data)) {
      StoreFixture.stage(s, 1);
      s.activate(1);
      StoreFixture.stage(s, 2);
    }
  }

  private static boolean mentions(List<String> notes, String text) {
    return notes.stream().anyMatch(n -> n.contains(text));
  }

  @Test
  void aCorruptStateFileRecoversFromTheMirror() throws Exception {
    String good = Files.readString(state);
    Files.writeString(state, "{\"active\": 1, \"staged\"");
    try (PlanStore s = PlanStore.open(data)) {
      assertEquals(Optional.of(1L), assertIntact(s.activePlan()));
      assertEquals(Optional.of(2L), assertIntact(s.stagedPlan()));
      assertTrue(mentions(s.recoveryNotes(), "state.json is unreadable or corrupt"), s.recoveryNotes().toString());
      assertTrue(mentions(s.recoveryNotes(), "recovered the state from state.json.bak"), s.recoveryNotes().toString());
    }
    assertEquals(good, Files.readString(state), "state.json rewritten from the mirror");
    try (PlanStore s = PlanStore.open(data)) {
      assertEquals(List.of(), s.recoveryNotes());
    }
  }

  @Test
  void anEmptyOrWronglyTypedStateFileIsCorruptToo() throws Exception {
    for (String bad : List.of("", "[]", "{\"active\": \"1\", \"staged\": 2, \"previous\": null}",
        "{\"active\": 1, \"staged\": 1, \"previous\": null}", "{\"active\": 1, \"staged\": 2}",
        "{\"active\": 1, \"staged\": 2, \"previous\": null, \"x\": 0}")) {
      Files.writeString(state, bad);
      try (PlanStore s = PlanStore.open(data)) {
        assertEquals(Optional.of(1L), assertIntact(s.activePlan()), bad);
        assertEquals(Optional.of(2L), assertIntact(s.stagedPlan()), bad);
        assertTrue(mentions(s.recoveryNotes(), "recovered"), bad + ": " + s.recoveryNotes());
      }
    }
  }

  @Test
  void aMissingStateFileWithAMirrorRecoversFromIt() throws Exception {
    Files.delete(state);
    try (PlanStore s = PlanStore.open(data)) {
      assertEquals(Optional.of(1L), assertIntact(s.activePlan()));
      assertTrue(mentions(s.recoveryNotes(), "state.json is missing"), s.recoveryNotes().toString());
    }
    assertTrue(Files.exists(state));
  }

  @Test
  void bothCorruptGiveAnEmptyStoreThatKeepsItsDirectoriesAndCanStageAgain() throws Exception {
    Files.writeString(state, "garbage");
    Files.writeString(bak, "{");
    try (PlanStore s = PlanStore.open(data)) {
      assertTrue(s.activePlan().isEmpty());
      assertTrue(s.stagedPlan().isEmpty());
      assertTrue(mentions(s.recoveryNotes(), "empty state"), s.recoveryNotes().toString());
      assertEquals(List.of("1", "2"), list(store.resolve("plans")), "kept for inspection");
      StoreFixture.stage(s, 1); // replaces the unnamed old copy of v1
      s.activate(1);
      assertEquals(Optional.of(1L), assertIntact(s.activePlan()));
      assertEquals(List.of("1"), list(store.resolve("plans")), "the next state write collects the rest");
    }
  }

  @Test
  void leftoversOfAKilledProcessAreRemoved() throws Exception {
    Files.createDirectories(store.resolve("incoming/3/model"));
    Files.writeString(store.resolve("incoming/3/model/embed.onnx"), "half a shard");
    Files.createDirectories(store.resolve("trash/1.123"));
    Files.writeString(store.resolve("state.json.tmp"), "{\"active\": 3");
    Files.writeString(store.resolve("state.json.bak.tmp"), "");
    Files.writeString(store.resolve("plans/2/COMPLETE.tmp"), "");
    Files.createDirectories(store.resolve("plans/4/model")); // moved in, COMPLETE never written
    Files.createDirectories(store.resolve("plans/not-a-version"));
    try (PlanStore s = PlanStore.open(data)) {
      assertEquals(Optional.of(1L), assertIntact(s.activePlan()));
      assertEquals(Optional.of(2L), assertIntact(s.stagedPlan()));
      assertTrue(mentions(s.recoveryNotes(), "incoming/"), s.recoveryNotes().toString());
    }
    assertEquals(List.of(), list(store.resolve("incoming")));
    assertEquals(List.of(), list(store.resolve("trash")));
    assertEquals(List.of("1", "2"), list(store.resolve("plans")));
    assertEquals(List.of(".lock", "incoming", "plans", "state.json", "state.json.bak", "trash"), list(store));
    assertFalse(Files.exists(store.resolve("plans/2/COMPLETE.tmp")));
  }

  @Test
  void aSlotWhoseDirectoryIsNotCompleteIsDropped() throws Exception {
    Files.delete(store.resolve("plans/2/COMPLETE"));
    try (PlanStore s = PlanStore.open(data)) {
      assertEquals(Optional.of(1L), assertIntact(s.activePlan()));
      assertTrue(s.stagedPlan().isEmpty());
      assertTrue(mentions(s.recoveryNotes(), "the state names v2 but"), s.recoveryNotes().toString());
    }
    assertEquals("{\"active\":1,\"staged\":null,\"previous\":null}\n", Files.readString(state));
    assertEquals(List.of("1"), list(store.resolve("plans")));
  }

  @Test
  void aMirrorOneWriteBehindIsBroughtInLineSilently() throws Exception {
    Files.writeString(bak, "{\"active\":1,\"staged\":null,\"previous\":null}\n");
    try (PlanStore s = PlanStore.open(data)) {
      assertEquals(Optional.of(2L), assertIntact(s.stagedPlan()));
      assertEquals(List.of(), s.recoveryNotes());
    }
    assertEquals(Files.readString(state), Files.readString(bak));
  }
}
