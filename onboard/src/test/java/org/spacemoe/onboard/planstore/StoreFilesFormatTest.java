package org.spacemoe.onboard.planstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The store files bound to records read what the hand-written reader wrote (golden files in
 * {@code planstore-golden/}, made by the code before the binding) and write the same bytes back.
 */
class StoreFilesFormatTest {
  private static byte[] golden(String name) throws IOException {
    try (InputStream in = StoreFilesFormatTest.class.getResourceAsStream("/planstore-golden/" + name)) {
      return in.readAllBytes();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void stateFilesOfTheOldFormatReadAndWriteBackByteForByte() throws IOException {
    StoreState s = StoreState.parse(golden("state.json"));
    assertEquals(new StoreState(3L, null, 2L), s);
    assertArrayEquals(golden("state.json"), s.toJson());
    assertEquals(StoreState.EMPTY, StoreState.parse(golden("state-empty.json")));
    assertArrayEquals(golden("state-empty.json"), StoreState.EMPTY.toJson());
  }

  @Test
  void ledgersOfTheOldFormatReadAndWriteBackByteForByte() throws IOException {
    CommandLedger.Content c = CommandLedger.parse(golden("command-ledger.json"));
    assertEquals(Map.of("k1/S1", 1717171717000L, "k1/S2", 4L), c.counters());
    assertEquals(Set.of("k2"), c.addedKeys().keySet());
    assertArrayEquals(new byte[] {0x30, (byte) 0x82, 1, 0x22, (byte) 0xff, 0x00, 0x7f}, c.addedKeys().get("k2"));
    assertEquals(List.of("k0", "k3"), List.copyOf(c.revokedKeys()));
    assertArrayEquals(golden("command-ledger.json"), CommandLedger.toJson(c));
    assertEquals(CommandLedger.Content.EMPTY.counters(),
        CommandLedger.parse(golden("command-ledger-empty.json")).counters());
    assertArrayEquals(golden("command-ledger-empty.json"), CommandLedger.toJson(CommandLedger.Content.EMPTY));
  }

  @Test
  void completeMarkersOfTheOldFormatReadAndWriteBackByteForByte() throws IOException {
    CompleteMarker m = CompleteMarker.parse(golden("COMPLETE"));
    assertEquals(3, m.version());
    assertEquals(Map.of("embed", "0123456789abcdef".repeat(4), "layer00.gateway", "a".repeat(64)), m.shards());
    assertArrayEquals(golden("COMPLETE"), m.toJson());
    assertArrayEquals(golden("COMPLETE-empty"), CompleteMarker.parse(golden("COMPLETE-empty")).toJson());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"active\": 1, \"staged\": 2}|missing field 'previous'",
      "{\"active\": 1, \"staged\": 2, \"previous\": null, \"x\": 0}|unknown field 'x'",
      "{\"active\": \"1\", \"staged\": 2, \"previous\": null}|(at active)",
      "{\"active\": 1.5, \"staged\": 2, \"previous\": null}|(at active)",
      "{\"active\": 1, \"active\": 2, \"staged\": null, \"previous\": null}|Duplicate field 'active'",
      "{\"active\": 1, \"staged\": 1, \"previous\": null}|version 1 appears twice",
      "{\"active\": 0, \"staged\": null, \"previous\": null}|plan versions are >= 1, got 0",
      "[]|from Array value",
      "null|is JSON null"})
  void aBadStateFileSaysWhatAndWhere(String json, String problem) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoreState.parse(utf8(json)));
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"counters\": {\"k/S\": 0}, \"addedKeys\": {}, \"revokedKeys\": []}|counter k/S must be an integer >= 1, got 0",
      "{\"counters\": {\"k/S\": \"5\"}, \"addedKeys\": {}, \"revokedKeys\": []}|(at counters.k/S)",
      "{\"counters\": {}, \"addedKeys\": {\"k\": \"not base64!\"}, \"revokedKeys\": []}|(at addedKeys.k)",
      "{\"counters\": {}, \"addedKeys\": {}, \"revokedKeys\": [null]}|revokedKeys holds a null",
      "{\"counters\": {}, \"addedKeys\": {}}|missing field 'revokedKeys'",
      "{\"counters\": {}, \"addedKeys\": {}, \"revokedKeys\": [], \"more\": 1}|unknown field 'more'"})
  void aBadLedgerSaysWhatAndWhere(String json, String problem) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CommandLedger.parse(utf8(json)));
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"version\": 3, \"shards\": {\"embed\": \"abc\"}}|COMPLETE: |shard embed has no valid SHA-256",
      "{\"version\": 3}|COMPLETE: |missing field 'shards'",
      "{\"version\": null, \"shards\": {}}|COMPLETE: |(at version)",
      "{\"version\": 3, \"shards\": {\"embed\": 7}}|COMPLETE: |shard embed has no valid SHA-256"})
  void aBadCompleteMarkerSaysWhatAndWhere(String json, String start, String problem) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CompleteMarker.parse(utf8(json)));
    assertTrue(e.getMessage().startsWith(start) && e.getMessage().contains(problem), e.getMessage());
  }
}
