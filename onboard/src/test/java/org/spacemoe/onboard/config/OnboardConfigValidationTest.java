package org.spacemoe.onboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.spacemoe.onboard.health.OnboardHealthIndicator;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.shared.model.DeviceProfile;

/**
 * The onboard Micronaut context with real configuration: a bad value or an unknown key under spacemoe.onboard
 * stops the start with a message naming the key; a valid configuration starts, and without a plan the health
 * indicator says DOWN with the reason.
 */
@Timeout(60)
class OnboardConfigValidationTest {
  @TempDir Path dataDir;

  private Map<String, Object> valid() {
    Map<String, Object> p = new HashMap<>();
    p.put("spacemoe.onboard.satellites", List.of("p01s01", "p01s02"));
    p.put("spacemoe.onboard.data-dir", dataDir.toString());
    p.put("spacemoe.onboard.broker", "tcp://127.0.0.1:1");
    return p;
  }

  private static ApplicationContext start(Map<String, Object> properties) {
    return ApplicationContext.builder().properties(properties).start();
  }

  /** The start fails; returns every message of the cause chain, joined. */
  private static String startFails(Map<String, Object> properties) {
    RuntimeException e = assertThrows(RuntimeException.class, () -> {
      try (ApplicationContext ctx = start(properties)) {
        ctx.getBean(OnboardConfig.class);
      }
    });
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t.getMessage()).append('\n');
    }
    return b.toString();
  }

  private static void assertNames(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "'" + part + "' not in: " + message);
    }
  }

  @Test
  void stopDrainMsOutOfRangeIsRefusedNamingTheKeyAndDefaultsToTenSeconds() {
    Map<String, Object> p = valid();
    p.put("spacemoe.onboard.stop-drain-ms", -1);
    assertNames(startFails(p), "spacemoe.onboard.stop-drain-ms", "-1");
    p = valid();
    p.put("spacemoe.onboard.stop-drain-ms", 600_001);
    assertNames(startFails(p), "spacemoe.onboard.stop-drain-ms", "600001");
    p = valid();
    p.put("spacemoe.onboard.stop-drian-ms", 5_000); // misspelt: unknown, not silently ignored
    assertNames(startFails(p), "spacemoe.onboard.stop-drian-ms");
    assertEquals(10_000, new OnboardConfig().getStopDrainMs());
  }

  @Test
  void livenessKeysOutOfRangeAreRefusedNamingTheKey() {
    Map<String, Object> p = valid();
    p.put("spacemoe.onboard.run-deadline-min-ms", 0);
    assertNames(startFails(p), "spacemoe.onboard.run-deadline-min-ms", "0");
    p = valid();
    p.put("spacemoe.onboard.run-deadline-factor", "-2");
    assertNames(startFails(p), "spacemoe.onboard.run-deadline-factor", "must be greater than 0");
    p = valid();
    p.put("spacemoe.onboard.queue-stall-ms", 0);
    assertNames(startFails(p), "spacemoe.onboard.queue-stall-ms");
    p = valid();
    p.put("spacemoe.onboard.max-queued-frames", 0);
    assertNames(startFails(p), "spacemoe.onboard.max-queued-frames");
  }

  @Test
  void livenessKeysAreKnownWithTheirDefaults() {
    Map<String, Object> p = valid();
    p.put("spacemoe.onboard.run-deadline-min-ms", 500);
    p.put("spacemoe.onboard.max-queued-frames", 16);
    try (ApplicationContext ctx = start(p)) {
      OnboardConfig c = ctx.getBean(OnboardConfig.class);
      assertEquals(500, c.getRunDeadlineMinMs());
      assertEquals(20.0, c.getRunDeadlineFactor());
      assertEquals(30_000, c.getQueueStallMs());
      assertEquals(16, c.getMaxQueuedFrames());
    }
  }

  /** application.yml repeats the default device for operators; it must name the one of DeviceProfile. */
  @Test
  void defaultDeviceIsTheSharedDefault() {
    assertEquals(DeviceProfile.DEFAULT_NAME, new OnboardConfig().getDevice());
    try (ApplicationContext ctx = start(valid())) {
      assertEquals(DeviceProfile.DEFAULT_NAME, ctx.getBean(OnboardConfig.class).getDevice());
    }
  }

  @Test
  void negativeTimeScaleIsRefusedNamingTheKey() {
    Map<String, Object> p = valid();
    p.put("spacemoe.onboard.time-scale", "-1");
    assertNames(startFails(p), "spacemoe.onboard.time-scale", "must be greater than 0", "-1");
  }

  @Test
  void linkFaultProbabilityOfOneIsRefusedNamingTheKey() {
    Map<String, Object> p = valid();
    p.put("spacemoe.onboard.link-loss", "1.0");
    assertNames(startFails(p), "spacemoe.onboard.link-loss", "must be in [0, 1)", "1.0");
    p = valid();
    p.put("spacemoe.onboard.link-reorder", "-0.1");
    assertNames(startFails(p), "spacemoe.onboard.link-reorder", "must be in [0, 1)");
  }

  @Test
  void zeroTimeScaleIsRefused() {
    Map<String, Object> p = valid();
    p.put("spacemoe.onboard.time-scale", 0);
    assertNames(startFails(p), "spacemoe.onboard.time-scale");
  }

  @Test
  void brokerThatIsNoUriIsRefused() {
    Map<String, Object> p = valid();
    p.put("spacemoe.onboard.broker", "nope");
    assertNames(startFails(p), "spacemoe.onboard.broker", "tcp://", "nope");
  }

  @Test
  void satelliteNameWithASlashIsRefused() {
    Map<String, Object> p = valid();
    p.put("spacemoe.onboard.satellites", List.of("p01s01", "p01/s02"));
    assertNames(startFails(p), "spacemoe.onboard.satellites[1]", "must not contain /", "p01/s02");
  }

  @Test
  void noSatellitesIsRefused() {
    Map<String, Object> p = valid();
    p.remove("spacemoe.onboard.satellites"); // application.yml says []
    assertNames(startFails(p), "spacemoe.onboard.satellites", "must not be empty");
  }

  @Test
  void valueOfTheWrongTypeIsRefusedNamingTheKey() {
    Map<String, Object> p = valid();
    p.put("spacemoe.onboard.expert-timeout-ms", "soon");
    assertNames(startFails(p), "spacemoe.onboard.expert-timeout-ms", "soon");
  }

  @Test
  void zeroExpertTimeoutIsRefused() {
    Map<String, Object> p = valid();
    p.put("spacemoe.onboard.expert-timeout-ms", 0);
    assertNames(startFails(p), "spacemoe.onboard.expert-timeout-ms", "greater than or equal to 1");
  }

  @Test
  void unknownKeyIsRefusedNamingIt() {
    Map<String, Object> p = valid();
    p.put("spacemoe.onboard.expert-timout-ms", 500); // misspelt: would silently keep the 10 s default
    assertNames(startFails(p), "unknown key spacemoe.onboard.expert-timout-ms", "expert-timeout-ms");
  }

  @Test
  void unknownNestedKeyIsRefused() {
    Map<String, Object> p = valid();
    p.put("spacemoe.onboard.link.emulation", true);
    assertNames(startFails(p), "unknown key spacemoe.onboard.link");
  }

  @Test
  void camelCaseKeysAreKnownKeys() {
    Map<String, Object> p = valid();
    p.put("spacemoe.onboard.expertTimeoutMs", 750);
    try (ApplicationContext ctx = start(p)) {
      assertEquals(750, ctx.getBean(OnboardConfig.class).getExpertTimeoutMs());
    }
  }

  @Test
  void environmentVariablesAreCheckedByName() {
    try (ApplicationContext ctx = start(valid())) {
      Map<String, String> vars = Map.of("SPACEMOE_ONBOARD_DATA_DIR", "/data", "SPACEMOE_ONBOARD_SATELLITES_0", "a",
          "SPACEMOE_ONBOARD_EXPERT_TIMEOUT_MS", "5", "PATH", "/bin", "SPACEMOE_HTTP_PORT", "8081");
      assertEquals(List.of(), OnboardConfigCheck.unknownKeys(ctx.getEnvironment(), vars));
      List<String> bad = OnboardConfigCheck.unknownKeys(ctx.getEnvironment(), Map.of("SPACEMOE_ONBOARD_BROKR", "x"));
      assertEquals(1, bad.size(), bad::toString);
      assertNames(bad.get(0), "SPACEMOE_ONBOARD_BROKR", "spacemoe.onboard.brokr");
    }
  }

  @Test
  void knownKeysAreTheConfigurationProperties() {
    assertTrue(OnboardConfigCheck.knownKeys().containsAll(List.of("satellites", "broker", "data-dir", "time-scale",
        "expert-timeout-ms", "send-queue-capacity", "pinned-slot", "link-emulation", "compensate-transit")),
        OnboardConfigCheck.knownKeys()::toString);
  }

  @Test
  void validConfigurationStartsAndHealthIsDownWithoutAPlan() throws Exception {
    Map<String, Object> p = valid();
    p.put("spacemoe.onboard.time-scale", 0.5);
    try (ApplicationContext ctx = start(p)) {
      OnboardConfig cfg = ctx.getBean(OnboardConfig.class);
      assertEquals(0.5, cfg.getTimeScale());
      assertEquals(List.of("p01s01", "p01s02"), cfg.getSatellites());
      OnboardRuntime runtime = ctx.getBean(OnboardRuntime.class);
      assertTrue(!runtime.isHealthy());

      HealthResult h = first(ctx.getBean(OnboardHealthIndicator.class).getResult());
      assertEquals(HealthStatus.DOWN, h.getStatus());
      Map<?, ?> details = (Map<?, ?>) h.getDetails();
      String reason = String.valueOf(details.get("reason"));
      assertNames(reason, "no plan", dataDir.resolve("plan.json").toString());
      assertEquals(List.of("p01s01", "p01s02"), details.get("satellites"));
    }
  }

  private static <T> T first(Publisher<T> publisher) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    publisher.subscribe(new Subscriber<T>() {
      @Override
      public void onSubscribe(Subscription s) {
        s.request(1);
      }

      @Override
      public void onNext(T t) {
        f.complete(t);
      }

      @Override
      public void onError(Throwable t) {
        f.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        f.completeExceptionally(new IllegalStateException("no health result"));
      }
    });
    return f.get(10, TimeUnit.SECONDS);
  }
}
