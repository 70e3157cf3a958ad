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
 * The ground CLI over TLS against a real Mosquitto running the shipped deploy configuration (client certificates,
 * the ACL 'ground acl' generates): one onboard runtime per satellite, each with its own certificate, waits for a
 * plan; {@code ground uplink}, {@code status} and {@code activate} with {@code --tls-*} options deliver, show and
 * switch it. A ground without a client certificate, or with one the CA did not sign, is refused with exit 2.
 * Skipped only when mosquitto is not installed.
 */
@Timeout(240)
class GroundTlsUplinkTest {
  @TempDir Path dir;

  private static GroundRun ground(String... args) {
    return GroundRun.of(args);
  }

  private static String[] with(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  @Test
  void uplinkStatusAndActivateOverTlsWithTheGeneratedAcl() throws Exception {
    assumeTrue(TlsBroker.available(), "mosquitto is not installed (apt-get install mosquitto)");
    TinyBench bench = TinyBench.prepare(dir.resolve("bench"));
    Path plan = bench.workspace.dataDir().resolve("plan.json");
    String model = bench.workspace.modelDir().toString();
    Path keys = Files.createDirectories(dir.resolve("keys"));
    KeyPair pair = PlanKeys.generate();
    PlanKeys.writePrivate(pair.getPrivate(), keys.resolve("ground.key"));
    PlanKeys.writePublic(pair.getPublic(), keys.resolve("ground.pub"));
    Path password = dir.resolve("tls.pass");
    Files.writeString(password, TlsBroker.STORE_PASSWORD + "\n");

    try (TlsBroker broker = TlsBroker.start(Files.createDirectories(dir.resolve("broker")), plan)) {
      String trust = broker.trustStore().toString();
      List<OnboardRuntime> nodes = new ArrayList<>();
      try {
        for (String sat : bench.satellites()) {
          OnboardConfig cfg = bench.config(broker.uri(), List.of(sat),
              Files.createDirectories(dir.resolve("node-" + sat)));
          cfg.setTrustedKeys(List.of(keys.resolve("ground.pub").toString()));
          cfg.setTlsTrustStore(trust);
          cfg.setTlsKeyStore(broker.keyStore(sat).toString());
          cfg.setTlsStorePassword(TlsBroker.STORE_PASSWORD);
          nodes.add(new OnboardRuntime(cfg).start());
        }
        for (OnboardRuntime n : nodes) {
          Await.until(Duration.ofSeconds(20), () -> "no plan yet: waiting for an uplink".equals(n.health().get("reason")),
              () -> "node waiting for a plan over TLS: " + n.health() + broker.log());
        }
        String[] tls = {"--broker", broker.uri(), "--tls-trust-store", trust, "--tls-key-store",
            broker.keyStore("ground").toString(), "--tls-password-file", password.toString()};

        GroundRun up = ground(with(new String[] {"uplink", "--plan", plan.toString(), "--shards", model, "--key",
            keys.resolve("ground.key").toString(), "--timeout", "90"}, tls));
        assertEquals(0, up.code(), () -> "uplink over TLS: " + up.out() + up.err() + broker.log());
        assertTrue(up.out().contains("staged on every satellite"), up.out());

        Path json = dir.resolve("status.json");
        GroundRun status = ground(with(new String[] {"status", "--wait-ms", "1500", "--json", json.toString()}, tls));
        assertEquals(0, status.code(), () -> "status over TLS: " + status.out() + status.err());
        for (String sat : bench.satellites()) {
          assertTrue(status.out().lines().anyMatch(l -> l.startsWith(sat + " ") && l.contains("STAGED v1")),
              () -> sat + " staged v1 in:\n" + status.out());
        }
        assertTrue(status.out().contains(bench.satellites().size() + " satellites heard"), status.out());
        String statusJson = Files.readString(json);
        assertTrue(statusJson.contains("\"lastUplinkStage\" : \"STAGED\""), statusJson);

        GroundRun act = ground(with(new String[] {"activate", "--version", "1", "--plan", plan.toString(),
            "--key", keys.resolve("ground.key").toString()}, tls));
        assertEquals(0, act.code(), () -> "activate over TLS: " + act.out() + act.err());
        for (OnboardRuntime n : nodes) {
          assertEquals(1, n.activePlanVersion());
        }

        // the same broker refuses a ground without a client certificate, or with one the CA did not sign
        GroundRun anonymous = ground("status", "--broker", broker.uri(), "--tls-trust-store", trust,
            "--tls-password-file", password.toString(), "--wait-ms", "0");
        assertEquals(2, anonymous.code(), () -> anonymous.out() + anonymous.err());
        assertTrue(anonymous.err().contains("--broker: cannot connect to " + broker.uri()), anonymous.err());
        GroundRun forged = ground("status", "--broker", broker.uri(), "--tls-trust-store", trust, "--tls-key-store",
            broker.selfSignedKeyStore("ground").toString(), "--tls-password-file", password.toString(),
            "--wait-ms", "0");
        assertEquals(2, forged.code(), () -> forged.out() + forged.err());
        // a wrong store password names the store
        Path wrong = dir.resolve("wrong.pass");
        Files.writeString(wrong, "not-the-password\n");
        GroundRun badPass = ground("status", "--broker", broker.uri(), "--tls-trust-store", trust,
            "--tls-password-file", wrong.toString(), "--wait-ms", "0");
        assertEquals(2, badPass.code(), () -> badPass.out() + badPass.err());
        assertTrue(badPass.err().contains(trust), badPass.err());
      } finally {
        nodes.forEach(OnboardRuntime::close);
      }
    }
  }
}
