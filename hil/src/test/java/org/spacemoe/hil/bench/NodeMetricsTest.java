package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.Await;
import org.spacemoe.hil.MqttProbe;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.runtime.Frames;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.shared.frame.ActivationFrameCodec;
import org.spacemoe.shared.frame.FrameTopics;

/**
 * The onboard application (Micronaut with its HTTP server) hosting the tiny bench's satellites on a real broker:
 * after a sequence, a frame that does not decode and a start for a plan that is not active, {@code /prometheus}
 * shows the {@code spacemoe_*} meters with their reason, layer and satellite tags, agreeing with {@code /telemetry}.
 */
class NodeMetricsTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @Test
  @Timeout(120)
  void aBenchRunAndBadFramesShowUpOnPrometheusByReason(@TempDir Path dir) throws Exception {
    TinyBench bench = TinyBench.prepare(dir);
    Map<String, Object> props = new HashMap<>();
    props.put("micronaut.server.port", -1);
    props.put("spacemoe.onboard.satellites", bench.satellites());
    props.put("spacemoe.onboard.data-dir", bench.workspace.dataDir().toString());
    props.put("spacemoe.onboard.broker", BROKER.uri());
    props.put("spacemoe.onboard.time-scale", 0.05);
    props.put("spacemoe.onboard.pinned-slot", 0);
    String satellite = bench.satellites().get(0) + "+" + (bench.satellites().size() - 1);
    long v = bench.planVersion();
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
        MqttProbe probe = new MqttProbe(BROKER.uri());
        TokenDriver driver = new TokenDriver(BROKER.uri())) {
      OnboardRuntime node = server.getApplicationContext().getBean(OnboardRuntime.class);
      Await.until(Duration.ofSeconds(20), node::isHealthy, () -> "node up: " + node.health());

      assertTrue(driver.run(v, bench.entry(), 7001, TinyBench.PROMPT, 3, false, 30_000, n -> { }),
          () -> "sequence: errors " + driver.errors());
      probe.publish(FrameTopics.satelliteInbound(bench.entry()), "not a frame".getBytes(StandardCharsets.UTF_8));
      probe.publish(FrameTopics.satelliteInbound(bench.entry()),
          new ActivationFrameCodec().encode(Frames.start(v + 7, 7002, TinyBench.PROMPT, 3)));
      Await.until(Duration.ofSeconds(10), () -> node.telemetry().dropCount(DropReason.MALFORMED) == 1
          && node.telemetry().dropCount(DropReason.WRONG_PLAN_VERSION) == 1, () -> "drops "
          + node.telemetry().dropsByReason());

      HttpClient http = HttpClient.newHttpClient();
      String text = get(http, server, "/prometheus");
      String sat = "satellite=\"" + satellite + "\"";
      assertEquals(1.0, value(text, "spacemoe_frames_dropped_total", "reason=\"MALFORMED\"", sat));
      assertEquals(1.0, value(text, "spacemoe_frames_dropped_total", "reason=\"WRONG_PLAN_VERSION\"", sat));
      assertEquals(0.0, value(text, "spacemoe_frames_dropped_total", "reason=\"EXPERT_TIMEOUT\"", sat));
      assertEquals(1.0, value(text, "spacemoe_frame_errors_total", "reason=\"TOO_SHORT\"", sat));
      assertEquals(1.0, value(text, "spacemoe_up", sat));
      assertEquals((double) v, value(text, "spacemoe_plan_version", sat));
      double hops = 0;
      for (int layer = 0; layer < bench.plan().layers().size(); layer++) {
        double n = value(text, "spacemoe_hop_compute_seconds_count", "layer=\"" + layer + "\"", sat);
        assertTrue(n > 0, "hops of layer " + layer);
        assertTrue(value(text, "spacemoe_hop_link_seconds_sum", "layer=\"" + layer + "\"", sat) > 0);
        hops += n;
      }
      assertEquals((double) node.telemetry().hopCount(), hops, "the per-layer hop counts add up to the node's");
      assertTrue(value(text, "spacemoe_frames_received_total", sat) >= node.telemetry().hopCount());
      assertTrue(Pattern.compile("(?m)^spacemoe_expert_activations_total\\{[^}]*layer=\"0\"").matcher(text).find(),
          "expert activations by layer and expert");
      assertTrue(text.contains("jvm_memory_used_bytes{"), "JVM meters");

      assertDashboardMetersExist(text);

      // /telemetry, the ground's wire format, is unchanged and agrees
      String telemetry = get(http, server, "/telemetry");
      assertTrue(telemetry.contains("\"MALFORMED\":1") && telemetry.contains("\"WRONG_PLAN_VERSION\":1"), telemetry);
      assertTrue(telemetry.contains("\"MALFORMED:TOO_SHORT\":1"), telemetry);
    }
  }

  /**
   * Every meter the bench dashboard (deploy/grafana/spacemoe-bench.json) queries is in the scrape, but for the
   * families that appear with their first key and had none in this run (no failure, retry or duplicate) and the
   * GC pause timer, which appears with the first GC pause.
   */
  private static void assertDashboardMetersExist(String scrape) throws Exception {
    com.fasterxml.jackson.databind.JsonNode dash = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(Path.of("..", "deploy", "grafana", "spacemoe-bench.json").toFile());
    java.util.Set<String> lazy = java.util.Set.of("spacemoe_sequence_failures_total", "spacemoe_retries_total",
        "spacemoe_duplicates_ignored_total", "jvm_gc_pause_seconds");
    java.util.Set<String> queried = new java.util.TreeSet<>();
    for (com.fasterxml.jackson.databind.JsonNode panel : dash.get("panels")) {
      for (com.fasterxml.jackson.databind.JsonNode target : panel.get("targets")) {
        Matcher m = Pattern.compile("\\b((?:spacemoe|jvm|process|system)_[a-z_]+)")
            .matcher(target.get("expr").asText());
        while (m.find()) {
          queried.add(m.group(1));
        }
      }
    }
    assertTrue(queried.size() > 15, queried.toString());
    for (String name : queried) {
      String family = name.replaceAll("_(sum|count)$", "");
      boolean present = Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(scrape).find();
      assertTrue(present || lazy.contains(family), "the dashboard queries " + name + ", not served");
    }
  }

  private static String get(HttpClient http, EmbeddedServer server, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return r.body();
  }

  /** The value of the one sample of {@code name} whose labels contain every one of {@code labels}. */
  static double value(String text, String name, String... labels) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(text);
    Double found = null;
    while (m.find()) {
      String got = m.group(1);
      boolean all = true;
      for (String l : labels) {
        all &= got.contains(l);
      }
      if (all) {
        if (found != null) {
          throw new AssertionError("two samples of " + name + " with " + String.join(",", labels));
        }
        found = Double.parseDouble(m.group(2));
      }
    }
    if (found == null) {
      throw new AssertionError("no sample " + name + String.join(",", labels) + " in:\n" + text);
    }
    return found;
  }
}
