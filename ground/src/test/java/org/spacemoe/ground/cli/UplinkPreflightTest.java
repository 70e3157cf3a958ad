package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.plan.PlanJson;

/**
 * {@code uplink} checks the plan against the shards' manifest before it connects: a plan for another model is bad
 * input (exit 2, one line naming what differs) and the broker (here a port nobody listens on) is never reached.
 */
class UplinkPreflightTest {
  @TempDir static Path dir;

  private static final String CONSTELLATION = "walker-star:planes=8,sats=8";

  @BeforeAll
  static void tinyShardsAndKey() {
    CliRun export = CliRun.of("export-model", "--preset", "tiny", "--out", dir.resolve("tiny").toString());
    assertEquals(0, export.exit(), export::describe);
    CliRun keys = CliRun.of("keys", "generate", "--out", dir.resolve("keys").toString());
    assertEquals(0, keys.exit(), keys::describe);
  }

  private static CliRun plan(String model, String out) {
    return CliRun.of("plan", "--constellation", CONSTELLATION, "--model", model, "--out", dir.resolve(out).toString());
  }

  private static CliRun uplink(String plan) {
    return CliRun.of(uplinkArgs(plan));
  }

  @Test
  void aPlanForTheExportPresetCarriesItsName() throws Exception {
    CliRun p = plan("tiny", "tiny-plan.json");
    assertEquals(0, p.exit(), p::describe);
    assertEquals("tiny", PlanJson.read(dir.resolve("tiny-plan.json")).inputs().model().name());
  }

  @Test
  void aPlanWhoseModelOnlyHasAnotherNameIsRefusedBeforeConnecting() {
    CliRun p = plan("custom:layers=2,experts=4,top-k=2,hidden=32,expert-width=64,vocab=64", "custom.json");
    assertEquals(0, p.exit(), p::describe);
    CliRun u = uplink("custom.json");
    assertEquals(GroundCli.EXIT_BAD_INPUT, u.exit(), u::describe);
    assertEquals(1, u.err().strip().lines().count(), u::describe);
    assertTrue(u.err().contains("name 'custom' vs 'tiny'") && u.err().contains("--model tiny")
        && u.err().contains("nothing sent"), u::describe);
  }

  @Test
  void anAclThatMissesWhatThePlanNeedsIsRefusedBeforeConnecting() throws Exception {
    CliRun p = plan("tiny", "acl-plan.json");
    assertEquals(0, p.exit(), p::describe);
    Path acl = dir.resolve("spacemoe.acl");
    CliRun a = CliRun.of("acl", "--plan", dir.resolve("acl-plan.json").toString(), "--out", acl.toString());
    assertEquals(0, a.exit(), a::describe);
    CliRun ok = CliRun.of(withAcl(uplinkArgs("acl-plan.json"), acl));
    // the ACL covers the plan: the pre-flight passes and only the (unreachable) broker stops it
    assertTrue(ok.err().contains("--broker"), ok::describe);
    String text = java.nio.file.Files.readString(acl);
    String firstSat = text.lines().filter(l -> l.startsWith("user ") && !l.equals("user ground")).findFirst()
        .orElseThrow().substring(5);
    int from = text.indexOf("user " + firstSat + "\n");
    int to = text.indexOf("\n\n", from);
    java.nio.file.Files.writeString(acl, text.substring(0, from) + (to < 0 ? "" : text.substring(to + 2)));
    CliRun u = CliRun.of(withAcl(uplinkArgs("acl-plan.json"), acl));
    assertEquals(GroundCli.EXIT_BAD_INPUT, u.exit(), u::describe);
    assertEquals(1, u.err().strip().lines().count(), u::describe);
    assertTrue(u.err().contains("--acl " + acl) && u.err().contains("satellite " + firstSat + " has no user")
        && u.err().contains("nothing sent"), u::describe);
  }

  private static String[] uplinkArgs(String plan) {
    return new String[] {"uplink", "--plan", dir.resolve(plan).toString(), "--shards", dir.resolve("tiny").toString(),
        "--broker", "tcp://127.0.0.1:1", "--key", dir.resolve("keys").resolve("ground.key").toString(),
        "--timeout", "1"};
  }

  private static String[] withAcl(String[] args, Path acl) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 2);
    out[args.length] = "--acl";
    out[args.length + 1] = acl.toString();
    return out;
  }

  @Test
  void aPlanForOtherDimensionsNamesEachDifference() {
    CliRun p = plan("bench", "bench.json");
    assertEquals(0, p.exit(), p::describe);
    CliRun u = uplink("bench.json");
    assertEquals(GroundCli.EXIT_BAD_INPUT, u.exit(), u::describe);
    assertTrue(u.err().contains("layers 32 vs 2") && u.err().contains("hidden 128 vs 32"), u::describe);
  }
}
