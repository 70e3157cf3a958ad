package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.Await;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.shared.plan.envelope.PlanKeys;

/**
 * A node with no plan takes one over the air: {@code ground uplink} signs the plan and sends only the shards
 * each satellite needs, the node stages it in its plan store, {@code ground activate} switches it, and the
 * node then generates the reference tokens. A plan signed with a key the node does not trust is rejected with
 * its reason and activation of it is refused.
 */
@Timeout(180)
class UplinkEndToEndTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @TempDir Path dir;

  private static GroundRun ground(String... args) {
    return GroundRun.of(args);
  }

  @Test
  void aPlanUplinkedStagedAndActivatedRunsTheReference() throws Exception {
    TinyBench bench = TinyBench.prepare(dir.resolve("bench"));
    Path keys = Files.createDirectories(dir.resolve("keys"));
    KeyPair pair = PlanKeys.generate();
    PlanKeys.writePrivate(pair.getPrivate(), keys.resolve("ground.key"));
    PlanKeys.writePublic(pair.getPublic(), keys.resolve("ground.pub"));
    Path nodeData = Files.createDirectories(dir.resolve("node"));
    OnboardConfig cfg = bench.config(BROKER.uri(), bench.satellites(), nodeData);
    cfg.setTrustedKeys(List.of(keys.resolve("ground.pub").toString()));
    try (OnboardRuntime node = new OnboardRuntime(cfg).start()) {
      Await.until(java.time.Duration.ofSeconds(15),
          () -> "no plan yet: waiting for an uplink".equals(node.health().get("reason")),
          () -> "node waiting for a plan: " + node.health());
      assertFalse(node.isHealthy());

      String plan = bench.workspace.dataDir().resolve("plan.json").toString();
      String model = bench.workspace.modelDir().toString();
      String key = keys.resolve("ground.key").toString();
      GroundRun up = ground("uplink", "--plan", plan, "--shards", model, "--broker", BROKER.uri(), "--key",
          keys.resolve("ground.key").toString(), "--timeout", "60");
      assertEquals(0, up.code(), () -> "uplink: " + up.out() + up.err());
      assertTrue(up.out().contains("staged on every satellite"), up.out());
      Path transfers = nodeData.resolve("store").resolve("transfers");
      Await.until(java.time.Duration.ofSeconds(10), () -> transferDirs(transfers).isEmpty(),
          () -> "transfer directories left once staged: " + transferDirs(transfers));

      GroundRun act = ground("activate", "--version", "1", "--plan", plan, "--broker", BROKER.uri(), "--key", key);
      assertEquals(0, act.code(), () -> "activate: " + act.out() + act.err());
      assertEquals(1, node.activePlanVersion());
      Await.until(java.time.Duration.ofSeconds(10), node::isHealthy,
          () -> "node healthy after activation: " + node.health());

      int[] want = bench.reference(TinyBench.PROMPT, 5).generated();
      try (TokenDriver driver = new TokenDriver(BROKER.uri())) {
        assertTrue(driver.run(1, bench.entry(), 31L, TinyBench.PROMPT, 5, false, 30_000, x -> { }),
            () -> "errors " + driver.errors());
        assertArrayEquals(want, driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray());
      }

      KeyPair stranger = PlanKeys.generate();
      PlanKeys.writePrivate(stranger.getPrivate(), keys.resolve("stranger.key"));
      GroundRun forged = ground("uplink", "--plan", plan, "--shards", model, "--broker", BROKER.uri(), "--key",
          keys.resolve("stranger.key").toString(), "--plan-version", "2", "--timeout", "30");
      assertEquals(1, forged.code(), () -> "forged uplink: " + forged.out() + forged.err());
      assertTrue(forged.out().contains("REJECTED") && forged.out().contains("UNKNOWN_KEY"), forged.out());
      GroundRun refused = ground("activate", "--version", "2", "--plan", plan, "--broker", BROKER.uri(), "--key", key);
      assertEquals(2, refused.code(), () -> "activation of a rejected plan: " + refused.out() + refused.err());
      assertTrue(refused.err().contains("activation refused"), refused.err());
      assertEquals(1, node.activePlanVersion());
      GroundRun status = ground("status", "--broker", BROKER.uri(), "--wait-ms", "1000");
      assertTrue(status.out().contains("UNKNOWN_KEY"), () -> "status shows why v2 was refused:\n" + status.out());

      GroundRun v2 = ground("uplink", "--plan", plan, "--shards", model, "--broker", BROKER.uri(), "--key",
          keys.resolve("ground.key").toString(), "--plan-version", "2", "--timeout", "60");
      assertEquals(0, v2.code(), () -> "uplink v2: " + v2.out() + v2.err());
      assertEquals(0, ground("activate", "--version", "2", "--plan", plan, "--broker", BROKER.uri(), "--key", key).code());
      assertEquals(2, node.activePlanVersion());
      GroundRun back = ground("rollback", "--to-version", "1", "--plan", plan, "--broker", BROKER.uri(), "--key", key);
      assertEquals(0, back.code(), () -> "rollback: " + back.out() + back.err());
      assertEquals(1, node.activePlanVersion());
      try (TokenDriver driver = new TokenDriver(BROKER.uri())) {
        assertTrue(driver.run(1, bench.entry(), 32L, TinyBench.PROMPT, 5, false, 30_000, x -> { }));
        assertArrayEquals(want, driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray(),
            "after the rollback the node runs plan 1 again");
      }
    }
  }

  /** The transfer work directories, {@code <satellite>/<transferId>}. */
  private static List<Path> transferDirs(Path transfers) {
    try (java.util.stream.Stream<Path> s = Files.walk(transfers, 2)) {
      return s.filter(p -> transfers.relativize(p).getNameCount() == 2 && Files.isDirectory(p)).toList();
    } catch (java.io.IOException e) {
      return List.of(); // none yet
    }
  }
}
