package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.spacemoe.ground.TestScenarios;

/** Bad input: exit code 2, one line on stderr naming the input and the problem, no stack trace. */
class CliBadInputTest {
  @TempDir static Path dir;

  private static final String[] SMALL = {"--constellation", TestScenarios.SMALL_CONSTELLATION, "--model",
      TestScenarios.SMALL_MODEL};

  @BeforeAll
  static void files() throws IOException {
    // the small model has 8 layers x 4 experts; this file has 2 x 2
    Files.writeString(dir.resolve("shape.json"),
        "{\"format\": \"spacemoe-activation-stats\", \"version\": 1, \"layers\": [[1, 2], [3, 4]]}");
    String rows = ", [1, 2, 3, 4]".repeat(7);
    Files.writeString(dir.resolve("nan.json"),
        "{\"format\": \"spacemoe-activation-stats\", \"version\": 1, \"layers\": [[1, NaN, 3, 4]" + rows + "]}");
    Files.writeString(dir.resolve("negative.json"),
        "{\"format\": \"spacemoe-activation-stats\", \"version\": 1, \"layers\": [[1, 2, -3, 4]" + rows + "]}");
    // a valid 3-line TLE entry would have a 69-character line 2; this one is cut short
    Files.writeString(dir.resolve("broken.tle"), "SAT-1\n"
        + "1 00001U 24001A   24100.50000000  .00000000  00000-0  00000-0 0  9990\n"
        + "2 00001  53.0000\n");
    Files.writeString(dir.resolve("notjson.json"), "this is not JSON\n");
    Files.writeString(dir.resolve("fleet-unknown-sat.json"),
        "{\"format\": \"spacemoe-fleet\", \"version\": 1, \"satellites\": {\"p99s99\": \"ix10\"}}");
    Files.writeString(dir.resolve("fleet-bad-plane.json"),
        "{\"format\": \"spacemoe-fleet\", \"version\": 1, \"planes\": {\"40\": \"ix10\"}}");
    Files.writeString(dir.resolve("fleet-bad-field.json"),
        "{\"format\": \"spacemoe-fleet\", \"version\": 1, \"sats\": {}}");
    Files.writeString(dir.resolve("notaplan.json"), "{\"hello\": 1}\n");
  }

  private static String f(String name) {
    return dir.resolve(name).toString();
  }

  private static String[] plan(String... more) {
    return Stream.concat(Stream.of("plan", "--out", f("p.json")), Stream.of(more)).toArray(String[]::new);
  }

  private static String[] small(String... more) {
    return Stream.of(plan(), SMALL, more).flatMap(Stream::of).toArray(String[]::new);
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of(plan("--constellation", "walker-star:planes=0"), List.of("--constellation", "planes", "0")),
        Arguments.of(plan("--constellation", "walker-star:altitude-km=-5"), List.of("--constellation", "altitude", "-5")),
        Arguments.of(plan("--constellation", "walker-star:inclination-deg=200"),
            List.of("--constellation", "inclination", "200")),
        Arguments.of(plan("--constellation", "walker-star:planes=x"), List.of("--constellation", "planes", "'x'")),
        // 8 satellites per plane at 550 km: every intra-plane link dips into the atmosphere, so a layer's gateway
        // reaches no one in its subnet; used to spin in the Hungarian check on infinite costs. With memory for
        // its experts the gateway would host them all itself; this device holds the gateway and no expert
        Arguments.of(plan("--constellation", "walker-star:planes=4,sats=8", "--model",
            "custom:layers=2,experts=4,top-k=2,hidden=64,expert-width=128,vocab=100", "--slots", "10",
            "--device", "custom:gflops=7,memory-gib=0.0004"),
            List.of("--constellation", "layer 0", "reachable")),
        Arguments.of(plan("--constellation", "tle:" + f("broken.tle")), List.of(f("broken.tle"), "line 3")),
        Arguments.of(plan("--constellation", "tle:" + f("absent.tle")), List.of(f("absent.tle"))),
        Arguments.of(small("--stats", f("shape.json")), List.of(f("shape.json"), "shape", "[2][2]", "[8][4]")),
        Arguments.of(small("--stats", f("nan.json")), List.of(f("nan.json"), "layer 0 expert 1", "NaN")),
        Arguments.of(small("--stats", f("negative.json")), List.of(f("negative.json"), "layer 0 expert 2", "negative")),
        Arguments.of(small("--stats", "zipf:abc"), List.of("--stats", "abc")),
        Arguments.of(plan("--model", "nope"), List.of("--model", "'nope'")),
        Arguments.of(plan("--device", "nope"), List.of("--device", "'nope'")),
        Arguments.of(plan("--strategy", "nope"), List.of("--strategy", "'nope'")),
        Arguments.of(small("--link-survival", "1.5"), List.of("--link-survival", "1.5")),
        Arguments.of(small("--tracking-limit", "-1"), List.of("--tracking-limit", "-1")),
        Arguments.of(plan("--slots", "0"), List.of("--slots", "0")),
        // 4 planes x 8 sats give each of 8 layers 4 satellites, which the gateway cannot reach (see above); its
        // own memory holds 2 experts, not 8
        Arguments.of(plan("--constellation", "walker-star:planes=4,sats=8", "--model",
            "custom:layers=8,experts=8,top-k=2,hidden=64,expert-width=64,vocab=100",
            "--device", "custom:gflops=7,memory-gib=0.0004"), List.of("--constellation", "room for only")),
        // mixed fleets and memory
        Arguments.of(small("--fleet", "per-plane:"), List.of("--fleet", "lists no devices")),
        Arguments.of(small("--fleet", "per-plane:sbc-2a72/nope"), List.of("--fleet", "'nope'")),
        Arguments.of(small("--fleet", "nope:x"), List.of("--fleet", "unknown fleet")),
        Arguments.of(small("--fleet", f("fleet-unknown-sat.json")), List.of(f("fleet-unknown-sat.json"), "'p99s99'")),
        Arguments.of(small("--fleet", f("fleet-bad-plane.json")), List.of(f("fleet-bad-plane.json"), "plane 40")),
        Arguments.of(small("--fleet", f("fleet-bad-field.json")), List.of(f("fleet-bad-field.json"), "'sats'")),
        Arguments.of(small("--fleet", f("absent-fleet.json")), List.of(f("absent-fleet.json"), "no such")),
        Arguments.of(small("--device", "custom:gflops=7,memory-gib=0.001"), List.of("--constellation", "memory")),
        Arguments.of(new String[] {"evaluate", "--plan", f("missing.json")}, List.of(f("missing.json"))),
        Arguments.of(new String[] {"evaluate", "--plan", f("notjson.json")}, List.of(f("notjson.json"), "not a valid")),
        Arguments.of(new String[] {"evaluate", "--plan", f("notaplan.json")}, List.of(f("notaplan.json"))),
        Arguments.of(new String[] {"draw", "--plan", f("notjson.json"), "--out", f("m.png")}, List.of(f("notjson.json"))),
        Arguments.of(new String[] {"reproduce", "--out", f("r"), "--constellation", "tle:" + f("broken.tle")},
            List.of(f("broken.tle"))),
        Arguments.of(new String[] {"bench", "--sizes", "12by12"}, List.of("--sizes", "'12by12'")),
        Arguments.of(new String[] {"bench", "--sizes", "12x12", "--planner", "nearby"}, List.of("--planner", "'nearby'")),
        Arguments.of(new String[] {"bench", "--sizes", "12x12", "--planner", ""}, List.of("--planner", "region or whole")),
        Arguments.of(new String[] {"replan", "--current", f("missing.json"), "--stats", "zipf:1.0", "--out", f("p.json")},
            List.of(f("missing.json"))),
        Arguments.of(new String[] {"replan", "--current", f("missing.json"), "--stats", "zipf:1.0", "--out", f("p.json"),
            "--move-via", "pigeon"}, List.of("--move-via", "'pigeon'")),
        Arguments.of(new String[] {"replan", "--current", f("missing.json"), "--stats", "zipf:1.0", "--out", f("p.json"),
            "--horizon-s", "-5"}, List.of("--horizon-s", "-5")),
        Arguments.of(new String[] {"replan", "--current", f("missing.json"), "--out", f("p.json")},
            List.of("--stats", "--epoch-s", "nothing changes")),
        Arguments.of(new String[] {"replan", "--current", f("missing.json"), "--epoch-s", "-5", "--out", f("p.json")},
            List.of("--epoch-s", "-5")),
        Arguments.of(new String[] {"plan", "--epoch-s", "NaN", "--out", f("p.json")}, List.of("--epoch-s", "NaN")),
        // broker and TLS options (shared by uplink, activate, rollback, status, stats)
        Arguments.of(new String[] {"status", "--broker", "mqtt://127.0.0.1:1"}, List.of("--broker", "'mqtt://127.0.0.1:1'")),
        Arguments.of(new String[] {"status", "--broker", "tcp://127.0.0.1:1", "--tls-trust-store", f("t.p12")},
            List.of("--tls-trust-store", "not an ssl:// URI")),
        Arguments.of(new String[] {"status", "--broker", "ssl://127.0.0.1:1", "--tls-key-store", f("k.p12")},
            List.of("--tls-key-store", "--tls-trust-store")),
        Arguments.of(new String[] {"status", "--broker", "ssl://127.0.0.1:1", "--tls-trust-store", f("absent.p12")},
            List.of(f("absent.p12"), "trust store")),
        Arguments.of(new String[] {"status", "--broker", "ssl://127.0.0.1:1",
            "--tls-trust-store", f("notjson.json")}, List.of(f("notjson.json"), "PKCS#12")),
        Arguments.of(new String[] {"status", "--broker", "ssl://127.0.0.1:1", "--tls-trust-store", f("notjson.json"),
            "--tls-password-file", f("absent.pass")}, List.of(f("absent.pass"), "password")));
  }

  @ParameterizedTest
  @MethodSource("badInputs")
  void badInputExitsTwoWithOneLineNamingTheInput(String[] args, List<String> mentions) {
    CliRun r = CliRun.of(args);
    assertEquals(2, r.exit(), r.describe());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), "one line expected\n" + r.describe());
    String line = lines.get(0);
    assertTrue(line.startsWith("error: "), line);
    for (String m : mentions) {
      assertTrue(line.contains(m), "'" + m + "' missing from: " + line);
    }
    assertNoTrace(r);
    assertEquals("", r.systemErr(), "nothing else on System.err\n" + r.describe());
    assertFalse(Files.exists(dir.resolve("p.json")), "a plan was written despite bad input");
  }

  static Stream<Arguments> parameterErrors() {
    return Stream.of(
        Arguments.of(new String[] {"plan"}, "--out", "plan"),
        Arguments.of(new String[] {"evaluate"}, "--plan", "evaluate"),
        Arguments.of(new String[] {"reproduce", "--quick"}, "--out", "reproduce"),
        Arguments.of(new String[] {"draw", "--plan", "x.json"}, "--out", "draw"),
        Arguments.of(new String[] {"plan", "--out", "p.json", "--slots", "many"}, "--slots", "plan"),
        Arguments.of(new String[] {"plan", "--out", "p.json", "--no-such-flag"}, "--no-such-flag", "plan"));
  }

  @ParameterizedTest
  @MethodSource("parameterErrors")
  void parameterErrorsPrintTheErrorAndAHelpHint(String[] args, String mention, String command) {
    CliRun r = CliRun.of(args);
    assertEquals(2, r.exit(), r.describe());
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.describe());
    assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains(mention), lines.get(0));
    assertEquals("Try 'spacemoe-ground " + command + " --help' for usage.", lines.get(1));
    assertNoTrace(r);
  }

  private static void assertNoTrace(CliRun r) {
    String all = r.err() + r.systemErr() + r.out();
    assertFalse(all.contains("Exception"), r.describe());
    assertFalse(all.contains("at org."), r.describe());
    assertFalse(all.contains("\tat "), r.describe());
  }

  @ParameterizedTest
  @ValueSource(strings = {"plan", "evaluate", "reproduce", "draw", "bench", "uplink", "activate", "rollback", "status", "stats"})
  void helpOfEachSubcommandExitsZeroWithUsage(String command) {
    CliRun r = CliRun.of(command, "--help");
    assertEquals(0, r.exit(), r.describe());
    assertTrue(r.out().startsWith("Usage: spacemoe-ground " + command), r.out());
    assertTrue(r.out().contains("--help"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void topLevelHelpListsEverySubcommand() {
    CliRun r = CliRun.of("--help");
    assertEquals(0, r.exit(), r.describe());
    for (String c : List.of("plan", "evaluate", "reproduce", "draw", "bench")) {
      assertTrue(r.out().contains("  " + c + " "), c + " missing from\n" + r.out());
    }
  }
}
