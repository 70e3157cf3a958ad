package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.Await;
import org.spacemoe.hil.broker.TlsBroker;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.shared.plan.envelope.PlanKeys;

/**
 * Boards hosting several satellites each, over TLS with the generated ACL, as a bench of boards runs: one process
 * per board, one certificate per board (its CN the board's name). With {@code ground acl --host BOARD=SATS} the
 * uplink and activation reach every satellite; with the per-satellite ACL the same process is refused the other
 * satellites' topics and its {@code /health} says so. Skipped only when mosquitto is not installed.
 */
@Timeout(240)
class BoardIdentityTlsTest {
  @TempDir Path dir;

  private static String[] with(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  private static OnboardConfig board(TinyBench bench, TlsBroker broker, String cn, List<String> sats, Path data,
      Path pub) throws Exception {
    OnboardConfig cfg = bench.config(broker.uri(), sats, Files.createDirectories(data));
    cfg.setTrustedKeys(List.of(pub.toString()));
    cfg.setTlsTrustStore(broker.trustStore().toString());
    cfg.setTlsKeyStore(broker.keyStore(cn).toString());
    cfg.setTlsStorePassword(TlsBroker.STORE_PASSWORD);
    return cfg;
  }

  private static void awaitWaitingForUplink(OnboardRuntime n, TlsBroker broker) {
    Await.until(Duration.ofSeconds(20), () -> "no plan yet: waiting for an uplink".equals(n.health().get("reason")),
        () -> "board waiting for a plan over TLS: " + n.health() + broker.log());
  }

  @Test
  void boardsWithOneCertificateEachServeAllTheirSatellitesWithAHostAcl() throws Exception {
    assumeTrue(TlsBroker.available(), "mosquitto is not installed (apt-get install mosquitto)");
    TinyBench bench = TinyBench.prepare(dir.resolve("bench"));
    Path plan = bench.workspace.dataDir().resolve("plan.json");
    Path keys = Files.createDirectories(dir.resolve("keys"));
    KeyPair pair = PlanKeys.generate();
    PlanKeys.writePrivate(pair.getPrivate(), keys.resolve("ground.key"));
    Path pub = keys.resolve("ground.pub");
    PlanKeys.writePublic(pair.getPublic(), pub);
    Path password = Files.writeString(dir.resolve("tls.pass"), TlsBroker.STORE_PASSWORD + "\n");
    List<String> sats = bench.satellites();
    List<String> one = sats.subList(0, sats.size() / 2);
    List<String> two = sats.subList(sats.size() / 2, sats.size());

    try (TlsBroker broker = TlsBroker.start(Files.createDirectories(dir.resolve("broker")), plan,
        "--host", "board-1=" + String.join(",", one), "--host", "board-2=" + String.join(",", two))) {
      List<OnboardRuntime> nodes = new ArrayList<>();
      try {
        String[] tls = {"--broker", broker.uri(), "--tls-trust-store", broker.trustStore().toString(),
            "--tls-key-store", broker.keyStore("ground").toString(), "--tls-password-file", password.toString()};
        String[] uplink = with(new String[] {"uplink", "--plan", plan.toString(), "--shards",
            bench.workspace.modelDir().toString(), "--key", keys.resolve("ground.key").toString(), "--timeout",
            "90", "--acl", broker.acl().toString()}, tls);
        nodes.add(new OnboardRuntime(board(bench, broker, "board-1", one, dir.resolve("b1"), pub)).start());
        awaitWaitingForUplink(nodes.get(0), broker);
        // pre-flight: board-2's satellites have not reported in, so nothing is sent to anyone
        GroundRun early = GroundRun.of(with(uplink, "--wait", "3"));
        assertEquals(2, early.code(), () -> "uplink with board-2 down: " + early.out() + early.err());
        assertTrue(early.err().contains(two.size() + " of " + sats.size() + " satellites have not reported in")
            && early.err().contains(two.get(0)) && early.err().contains("nothing sent"), early::err);
        assertEquals(1, early.err().strip().lines().count(), early::err);
        assertEquals("no plan yet: waiting for an uplink", nodes.get(0).health().get("reason"));
        nodes.add(new OnboardRuntime(board(bench, broker, "board-2", two, dir.resolve("b2"), pub)).start());
        awaitWaitingForUplink(nodes.get(1), broker);
        GroundRun up = GroundRun.of(uplink);
        assertEquals(0, up.code(), () -> "uplink to boards: " + up.out() + up.err() + broker.log());
        assertTrue(up.out().matches("(?s).*\\d+ chunks sent of \\d+ offered.*; ([0-9.]+ [kMG]?B) sent of \\1 needed.*"),
            up::out);
        GroundRun act = GroundRun.of(with(new String[] {"activate", "--version", "1", "--plan", plan.toString(),
            "--key", keys.resolve("ground.key").toString()}, tls));
        assertEquals(0, act.code(), () -> "activate on boards: " + act.out() + act.err());
        assertTrue(act.out().contains("now on v1: every satellite"), act.out());
        for (OnboardRuntime n : nodes) {
          assertEquals(1, n.activePlanVersion());
          Await.until(Duration.ofSeconds(10), () -> "UP".equals(n.health().get("status")), () -> "" + n.health());
        }
      } finally {
        nodes.forEach(OnboardRuntime::close);
      }
    }
  }

  @Test
  void aBoardWhoseSatellitesHaveNoGrantsForItsCertificateSaysSoInItsHealth() throws Exception {
    assumeTrue(TlsBroker.available(), "mosquitto is not installed (apt-get install mosquitto)");
    TinyBench bench = TinyBench.prepare(dir.resolve("bench"));
    Path plan = bench.workspace.dataDir().resolve("plan.json");
    Path pub = dir.resolve("ground.pub");
    PlanKeys.writePublic(PlanKeys.generate().getPublic(), pub);
    List<String> sats = bench.satellites();
    try (TlsBroker broker = TlsBroker.start(Files.createDirectories(dir.resolve("broker")), plan)) {
      // one process for two satellites, connected with the first satellite's certificate: the per-satellite ACL
      // grants it only that satellite's topics
      try (OnboardRuntime n = new OnboardRuntime(board(bench, broker, sats.get(0), sats.subList(0, 2),
          dir.resolve("b"), pub)).start()) {
        String other = sats.get(1);
        Await.until(Duration.ofSeconds(30), () -> String.valueOf(n.health().get("reason"))
            .startsWith("the broker refuses publishes"), () -> "health " + n.health() + broker.log());
        assertTrue(String.valueOf(n.health().get("reason")).contains("/" + other + "/"), () -> "" + n.health());
        assertTrue(n.telemetry().dropsByReason().getOrDefault("PUBLISH_FAILED", 0L) > 0,
            () -> "" + n.telemetry().dropsByReason());
      }
    }
  }
}
