package org.spacemoe.ground.ops.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.SignedCommand;

/** The ground's command counters: on disk before use, never reused by a restarted ground tool, never below the clock. */
class CommandCountersTest {
  @TempDir Path dir;

  @Test
  void aRestartedGroundContinuesAboveEveryCounterItUsed() throws Exception {
    Path file = dir.resolve("k.counters.json");
    CommandCounters a = new CommandCounters(file, () -> 0);
    assertEquals(1, a.next("S1"));
    assertEquals(2, a.next("S1"));
    assertEquals(1, a.next("S2"), "one counter per satellite");
    assertTrue(Files.readString(file).contains("\"S1\" : 2"), Files.readString(file));
    CommandCounters restarted = new CommandCounters(file, () -> 0);
    assertEquals(3, restarted.next("S1"));
    assertEquals(2, restarted.next("S2"));
  }

  @Test
  void theClockIsAFloorSoALostFileStillGivesFreshCounters() throws Exception {
    long[] now = {1_000};
    CommandCounters c = new CommandCounters(dir.resolve("c.json"), () -> now[0]);
    assertEquals(1_000, c.next("S1"));
    assertEquals(1_001, c.next("S1"), "the same millisecond: one more than the last");
    now[0] = 5_000;
    assertEquals(5_000, c.next("S1"));
    now[0] = 10;
    assertEquals(5_001, c.next("S1"), "a clock that went back never takes the counter back");
  }

  @Test
  void aDamagedFileIsBadInputNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.json"), "{\"S1\": -4}");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new CommandCounters(file, () -> 0));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    Files.writeString(file, "not json");
    assertThrows(InvalidInputException.class, () -> new CommandCounters(file, () -> 0));
  }

  @Test
  void theIssuerSignsWithTheKeyFileAndKeepsCountersBesideIt() throws Exception {
    KeyPair k = PlanKeys.generate();
    Path key = dir.resolve("keys/ground.key");
    PlanKeys.writePrivate(k.getPrivate(), key);
    CommandIssuer issuer = CommandIssuer.fromKeyFile(key);
    SignedCommand first = issuer.issue(Command.activate("a", 2), "S1");
    assertTrue(first.verifiedBy(k.getPublic()));
    assertEquals("S1", first.target());
    assertTrue(Files.exists(dir.resolve("keys/" + PlanKeys.keyId(k.getPublic()) + ".counters.json")));
    SignedCommand second = CommandIssuer.fromKeyFile(key).issue(Command.activate("a", 2), "S1");
    assertTrue(second.counter() > first.counter(), "a new process signs above the last counter");
  }

  @Test
  void aBadFileSaysWhatIsWrongAndWhere() throws Exception {
    Path file = dir.resolve("bad.json");
    for (String[] bad : new String[][] {
        {"{\"S1\": -4}", "counter of S1 must be an integer >= 1, got -4"},
        {"{\"S1\": null}", "counter of S1 must be an integer >= 1, got null"},
        {"{\"S1\": \"4\"}", "(at S1)"},
        {"{\"S1\": 4.5}", "(at S1)"},
        {"{\"S1\": 4, \"S1\": 5}", "Duplicate field 'S1'"},
        {"[1]", "not a command counters file"},
        {"null", "not a command counters file (JSON null)"}}) {
      Files.writeString(file, bad[0]);
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> new CommandCounters(file, () -> 0));
      assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains(bad[1]), e.getMessage());
    }
  }

  @Test
  void theFileIsIndentedJsonSortedBySatellite() throws Exception {
    Path file = dir.resolve("k.counters.json");
    CommandCounters c = new CommandCounters(file, () -> 0);
    c.next("S2");
    c.next("S1");
    assertEquals("{\n  \"S1\" : 1,\n  \"S2\" : 1\n}\n", Files.readString(file));
  }
}
