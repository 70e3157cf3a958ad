package org.spacemoe.onboard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NodeHealthTest {
  private final AtomicReference<Optional<String>> hung = new AtomicReference<>(Optional.empty());
  private final AtomicBoolean connected = new AtomicBoolean(false);
  private final AtomicLong staged = new AtomicLong();
  private final AtomicReference<java.util.Map<String, Integer>> refused = new AtomicReference<>(java.util.Map.of());
  private final NodeHealth health =
      new NodeHealth(hung::get, connected::get, refused::get, () -> 7, staged::get, () -> 3, List.of("p0s0"));

  @Test
  void startsDownAndComesUpOnceConnectedWithAPlan() {
    assertEquals("starting", health.report().get("reason"));
    connected.set(true);
    health.online(true);
    assertTrue(health.isHealthy());
    assertEquals("UP", health.report().get("status"));
    assertEquals(7L, health.report().get("planVersion"));
    assertEquals(3, health.report().get("shardsLoaded"));
  }

  @Test
  void aMissingPlanIsAProblemUntilOneIsActivated() {
    connected.set(true);
    health.online(false);
    assertTrue(health.reason().orElseThrow().startsWith(NodeHealth.NO_PLAN_YET), "" + health.reason());
    health.planActivated();
    assertTrue(health.isHealthy());
  }

  @Test
  void aMissingPlanSaysWhetherAVersionIsStaged() {
    connected.set(true);
    health.online(false);
    assertEquals(Optional.of("no plan yet: waiting for an uplink"), health.reason());
    staged.set(4);
    assertEquals(Optional.of("no plan yet: version 4 staged, waiting for ACTIVATE"), health.reason());
  }

  @Test
  void refusedPublishesAreDownUntilTheBrokerAcceptsThem() {
    connected.set(true);
    health.online(true);
    refused.set(java.util.Map.of("spacemoe/v1/sat/p0s1/status", 0x87));
    assertEquals(Optional.of("the broker refuses publishes to 1 topic(s), e.g. spacemoe/v1/sat/p0s1/status (reason"
        + " code 0x87): check the certificate name and the ACL"), health.reason());
    health.online(false);
    assertTrue(health.reason().orElseThrow().startsWith("the broker refuses"), "before a missing plan");
    refused.set(java.util.Map.of());
    health.online(true);
    assertTrue(health.isHealthy());
  }

  @Test
  void activatingAPlanDoesNotClearAnotherProblem() {
    health.problem("plan store: locked");
    health.planActivated();
    assertEquals(Optional.of("plan store: locked"), health.reason());
  }

  @Test
  void aHungRunComesFirstAndALostBrokerLast() {
    connected.set(true);
    health.online(true);
    connected.set(false);
    assertEquals(Optional.of("broker connection lost"), health.reason());
    assertEquals(false, health.report().get("brokerConnected"));
    health.problem("shards not loaded: x");
    hung.set(Optional.of("hung: expert L0E1 ran past its 2000 ms deadline"));
    assertEquals("DOWN", health.report().get("status"));
    assertEquals("hung: expert L0E1 ran past its 2000 ms deadline", health.report().get("reason"));
    assertFalse(health.isHealthy());
  }
}
