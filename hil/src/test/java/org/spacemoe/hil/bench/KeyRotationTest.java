package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
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
 * Key rotation end to end with the ground CLI and a real node through the embedded broker: {@code ground keys
 * trust} introduces a new key with a command signed by the configured one, {@code ground keys revoke} signed by the
 * new key revokes the old one; then the old key's commands and plans are refused ({@code UNKNOWN_KEY}) and the new
 * key's plans are staged and activated; the rotation survives a restart of the node.
 */
@Timeout(300)
class KeyRotationTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @TempDir Path dir;

  @Test
  void aNewKeyIsTrustedByCommandAndTheOldOneRevokedForCommandsAndPlans() throws Exception {
    TinyBench bench = TinyBench.prepare(dir.resolve("bench"));
    Path keys = Files.createDirectories(dir.resolve("keys"));
    KeyPair old = PlanKeys.generate();
    KeyPair next = PlanKeys.generate();
    PlanKeys.writePrivate(old.getPrivate(), keys.resolve("old.key"));
    PlanKeys.writePublic(old.getPublic(), keys.resolve("old.pub"));
    PlanKeys.writePrivate(next.getPrivate(), keys.resolve("new.key"));
    PlanKeys.writePublic(next.getPublic(), keys.resolve("new.pub"));
    String oldId = PlanKeys.keyId(old.getPublic());
    String plan = bench.workspace.dataDir().resolve("plan.json").toString();
    String model = bench.workspace.modelDir().toString();
    OnboardConfig cfg = bench.config(BROKER.uri(), bench.satellites(), Files.createDirectories(dir.resolve("node")));
    cfg.setTrustedKeys(List.of(keys.resolve("old.pub").toString()));
    String[] fleet = {"--plan", plan, "--broker", BROKER.uri(), "--timeout", "20"};
    try (OnboardRuntime node = new OnboardRuntime(cfg).start()) {
      Await.until(Duration.ofSeconds(20), () -> String.valueOf(node.health().get("reason")).startsWith("no plan yet"),
          () -> "node waiting for a plan: " + node.health());
      GroundRun refused = GroundRun.of(concat(new String[] {"keys", "trust", "--key", keys.resolve("new.key").toString(),
          "--new", keys.resolve("new.pub").toString()}, fleet));
      assertEquals(1, refused.code(), () -> "a key cannot introduce itself: " + refused.out() + refused.err());
      assertTrue(refused.out().contains("UNKNOWN_KEY"), refused.out());
      GroundRun trust = GroundRun.of(concat(new String[] {"keys", "trust", "--key", keys.resolve("old.key").toString(),
          "--new", keys.resolve("new.pub").toString()}, fleet));
      assertEquals(0, trust.code(), () -> "trust: " + trust.out() + trust.err());
      GroundRun self = GroundRun.of(concat(new String[] {"keys", "revoke", "--key", keys.resolve("old.key").toString(),
          "--key-id", oldId}, fleet));
      assertEquals(1, self.code(), () -> self.out() + self.err());
      assertTrue(self.out().contains("KEY_CHANGE"), self.out());
      GroundRun revoke = GroundRun.of(concat(new String[] {"keys", "revoke", "--key", keys.resolve("new.key").toString(),
          "--key-id", oldId}, fleet));
      assertEquals(0, revoke.code(), () -> "revoke: " + revoke.out() + revoke.err());
    }
    try (OnboardRuntime node = new OnboardRuntime(cfg).start()) {
      Await.until(Duration.ofSeconds(20), () -> String.valueOf(node.health().get("reason")).startsWith("no plan yet"),
          () -> "restarted node waiting for a plan: " + node.health());
      GroundRun oldPlan = GroundRun.of("uplink", "--plan", plan, "--shards", model, "--broker", BROKER.uri(), "--key",
          keys.resolve("old.key").toString(), "--timeout", "30");
      assertEquals(1, oldPlan.code(), () -> oldPlan.out() + oldPlan.err());
      assertTrue(oldPlan.out().contains("UNKNOWN_KEY"), () -> "the revoked key's plan: " + oldPlan.out());
      GroundRun newPlan = GroundRun.of("uplink", "--plan", plan, "--shards", model, "--broker", BROKER.uri(), "--key",
          keys.resolve("new.key").toString(), "--timeout", "60");
      assertEquals(0, newPlan.code(), () -> "the new key's plan: " + newPlan.out() + newPlan.err());
      GroundRun oldActivate = GroundRun.of(concat(new String[] {"activate", "--version", "1", "--key",
          keys.resolve("old.key").toString()}, fleet));
      assertEquals(1, oldActivate.code(), () -> oldActivate.out() + oldActivate.err());
      assertTrue(oldActivate.out().contains("UNKNOWN_KEY"), oldActivate.out());
      assertEquals(0, node.activePlanVersion());
      GroundRun activate = GroundRun.of(concat(new String[] {"activate", "--version", "1", "--key",
          keys.resolve("new.key").toString()}, fleet));
      assertEquals(0, activate.code(), () -> activate.out() + activate.err());
      assertEquals(1, node.activePlanVersion());
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
